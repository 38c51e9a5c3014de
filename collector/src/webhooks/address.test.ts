import { describe, expect, it } from "vitest";
import { endpointAddressProblem } from "./address.ts";

describe("endpointAddressProblem", () => {
  it.each([
    "https://crm.example.com/hooks/embudo",
    "https://hooks.example.co.uk:8443/in?token=abc",
    "https://1.1.1.1/in",
    "https://192.0.1.9/in", // 192.0.0.0/16 is public but for two /24s
    "https://192.0.3.9/in",
    "https://[2606:4700::6810:85e5]/in",
    "https://[64:ff9b::101:101]/in", // NAT64 of the public 1.1.1.1
    "https://[2001:4860::8888]/in", // 2001::/16 is public but for Teredo's and documentation's /32s
  ])("accepts https on a public host: %s", (url) => {
    expect(endpointAddressProblem(url, false)).toBeNull();
  });

  it.each([
    ["http://crm.example.com/in", /https/],
    ["ftp://crm.example.com/in", /https/],
    ["not a url", /absolute/],
    ["https://localhost/in", /public host/],
    ["https://api.localhost/in", /public host/],
    ["https://printer.local/in", /public host/],
    ["https://intranet/in", /public host/],
    ["https://127.0.0.1/in", /public host/],
    ["https://127.1/in", /public host/], // URL normalizes it to 127.0.0.1
    ["https://2130706433/in", /public host/], // and this one too
    ["https://10.1.2.3/in", /public host/],
    ["https://172.20.0.5/in", /public host/],
    ["https://192.168.1.10/in", /public host/],
    ["https://169.254.169.254/latest/meta-data", /public host/],
    ["https://100.64.0.1/in", /public host/],
    ["https://0.0.0.0/in", /public host/],
    ["https://[::1]/in", /public host/],
    ["https://[fd00::1]/in", /public host/],
    ["https://[fe80::1]/in", /public host/],
    ["https://[::ffff:10.0.0.1]/in", /public host/],
    ["https://[::127.0.0.1]/in", /public host/], // IPv4-compatible, written [::7f00:1]
    ["https://[64:ff9b::10.0.0.1]/in", /public host/], // NAT64
    ["https://[2002:c0a8:101::1]/in", /public host/], // 6to4 of 192.168.1.1
    ["https://[ff02::1]/in", /public host/],
    ["https://192.0.0.9/in", /public host/], // IETF protocol assignments
    ["https://192.0.2.9/in", /public host/], // documentation
    ["https://203.0.113.9/in", /public host/], // documentation
    ["https://[::ffff:0:127.0.0.1]/in", /public host/], // IPv4-translated loopback
    ["https://[64:ff9b:1::a00:1]/in", /public host/], // local-use NAT64
    ["https://[2001::1]/in", /public host/], // Teredo
    ["https://[2001:db8::1]/in", /public host/], // documentation
    ["https://[fec0::1]/in", /public host/], // site-local
  ])("refuses %s", (url, problem) => {
    expect(endpointAddressProblem(url, false)).toMatch(problem);
  });

  it("allows http and private hosts only when told to, for local development", () => {
    expect(endpointAddressProblem("http://127.0.0.1:4100/inbox", true)).toBeNull();
    expect(endpointAddressProblem("http://localhost:4100/inbox", true)).toBeNull();
    expect(endpointAddressProblem("ftp://localhost/inbox", true)).toMatch(/https/);
  });
});

import { describe, expect, it } from "vitest";
import { looksLikeCardNumber } from "./forms.ts";
import { fakeCollector, type LoadedPage, loadPage, settle, usePageSandbox } from "./testing.ts";

let page: LoadedPage | undefined;
usePageSandbox();

const submit = (selector: string) => {
  const form = document.querySelector<HTMLFormElement>(selector)!;
  form.addEventListener("submit", (event) => event.preventDefault());
  form.requestSubmit();
};

const DEMO_FORM = `
  <form id="demo-request" data-embudo-intent="demo">
    <input type="email" name="work" value="Ana@Acme.test">
    <input name="first_name" autocomplete="given-name" value="Ana">
    <input name="last_name" autocomplete="family-name" value="López">
    <input name="company" value="  Acme ">
    <input name="job_title" value="Head of Marketing">
    <select name="company_size"><option value="51-200" selected>51-200</option></select>
    <input type="password" name="password" value="hunter2">
    <input type="hidden" name="email_hidden" value="hidden@acme.test">
    <input type="hidden" name="company_id" value="secret-id">
    <input name="phone" value="4111 1111 1111 1111">
    <input name="country" value="narnia" data-embudo-ignore>
    <input name="notes" data-embudo-field="industry" value="Software">
    <input name="nickname" value="">
    <input name="message" value="call me">
    <button>Send</button>
  </form>`;

describe("forms", () => {
  it("sends email, company and job title, never a password, hidden input, card number or ignored field", async () => {
    const collector = fakeCollector();
    page = await loadPage({
      url: "https://acme.test/demo",
      body: DEMO_FORM,
      head: '<meta name="embudo:stage" content="decision">',
    });
    submit("#demo-request");
    await settle();
    const forms = collector.events().filter((event) => event.type === "form_submit");
    expect(forms).toEqual([
      expect.objectContaining({
        formId: "demo-request",
        intent: "demo",
        stage: "decision",
        traits: {
          email: "Ana@Acme.test",
          name: "Ana López",
          company: "Acme",
          jobTitle: "Head of Marketing",
          companySize: "51-200",
          industry: "Software",
        },
      }),
    ]);
    const sent = JSON.stringify(collector.requests.map((request) => request.init.body));
    // Lower case or spaced, so that no upper-case ULID can contain them by chance.
    for (const secret of ["hunter2", "hidden@acme.test", "secret-id", "4111 1111", "narnia", "call me"])
      expect(sent).not.toContain(secret);
  });

  it("sends nothing for a form with data-embudo-ignore, and nothing at all with data-forms=off", async () => {
    const collector = fakeCollector();
    page = await loadPage({
      body: '<form id="login" data-embudo-ignore><input type="email" name="email" value="a@b.co"></form>',
    });
    submit("#login");
    await settle();
    page.unload();
    page = await loadPage({ body: DEMO_FORM, options: { forms: "off" } });
    submit("#demo-request");
    await settle();
    expect(collector.events().map((event) => event.type)).toEqual(["content_view", "content_view"]);
  });

  it("names an unnamed form by its page, and leaves judging its email to the collector", async () => {
    const collector = fakeCollector();
    page = await loadPage({
      url: "https://acme.test/newsletter",
      body: '<form><input name="email" value="not-an-email"><input name="company" value="  Acme "></form>',
    });
    submit("form");
    await settle();
    expect(collector.events()[1]).toMatchObject({ type: "form_submit", formId: "/newsletter" });
    // The collector drops the unusable email and keeps the event with its company.
    expect(collector.events()[1]).toHaveProperty("traits", { email: "not-an-email", company: "Acme" });
    expect(collector.events()[1]).not.toHaveProperty("intent");
  });

  it("keeps the first field of each trait, and joins first and last names", async () => {
    const collector = fakeCollector();
    page = await loadPage({
      body: `<form id="f"><input name="email" value="ana@acme.test"><input name="confirm_email" value="ana@acme">
        <input name="company" value="Acme"><input name="company_website" value="https://acme.test">
        <input name="job_title" value="CMO"><input name="job_function" value="Marketing">
        <input name="first_name" value="Ana"><input name="last_name" value="López"></form>`,
    });
    submit("#f");
    await settle();
    expect(collector.events()[1]).toHaveProperty("traits", {
      email: "ana@acme.test",
      company: "Acme",
      jobTitle: "CMO",
      name: "Ana López",
    });
  });
});

describe("what forms never read", () => {
  const traitsOf = async (fields: string) => {
    const collector = fakeCollector();
    page = await loadPage({ body: `<form id="f">${fields}</form>` });
    submit("#f");
    await settle();
    return collector.events().find((event) => event.type === "form_submit")!.traits;
  };

  it("a login form's username, but its email still", async () => {
    expect(
      await traitsOf(`<input name="username" autocomplete="username" value="ana.lopez">
        <input name="user_name" value="alopez"><input name="login" value="ana">
        <input type="email" name="email" value="ana@acme.test">`),
    ).toEqual({ email: "ana@acme.test" });
  });

  it("the cardholder of a payment form, or any other cc-* field", async () => {
    expect(
      await traitsOf(`<input name="holder" autocomplete="cc-name" value="Ana Lopez">
        <input name="country" autocomplete="cc-country" value="ES"><input name="company" value="Acme">`),
    ).toEqual({ company: "Acme" });
  });

  it("tax and national ids, even when marked as a trait", async () => {
    expect(
      await traitsOf(`<input name="company_vat_number" value="ESB12345678">
        <input name="company_tax_id" value="B12345678"><input name="nif" data-embudo-field="company" value="B1">
        <input name="company_name" value="Acme">`),
    ).toEqual({ company: "Acme" });
  });

  it("a card number typed anywhere, whatever separates its digits", async () => {
    expect(
      await traitsOf(`<input name="phone" value="4111.1111.1111.1111">
        <input name="company" value="Card 4111/1111/1111/1111, exp 12/30"><input name="name" value="Ana">`),
    ).toEqual({ name: "Ana" });
  });
});

describe("looksLikeCardNumber", () => {
  it("recognises Luhn-valid card numbers, whatever separates the digits", () => {
    expect(looksLikeCardNumber("4111 1111 1111 1111")).toBe(true);
    expect(looksLikeCardNumber("5500-0000-0000-0004")).toBe(true);
    expect(looksLikeCardNumber("378282246310005")).toBe(true);
    expect(looksLikeCardNumber("4111.1111.1111.1111")).toBe(true);
    expect(looksLikeCardNumber("card: 4111/1111/1111/1111, exp 12/30")).toBe(true);
  });
  it("leaves other values alone", () => {
    expect(looksLikeCardNumber("4111 1111 1111 1112")).toBeFalsy(); // Luhn fails
    expect(looksLikeCardNumber("+34 600 000 000")).toBeFalsy();
    expect(looksLikeCardNumber("0000")).toBeFalsy();
    expect(looksLikeCardNumber("Acme")).toBeFalsy();
    expect(looksLikeCardNumber("+1 (415) 555-0100, ext. 4111")).toBeFalsy();
  });
});

/** Accounts: email domains, and people of one company adding up to a buying committee. */
import { describe, expect, it } from "vitest";
import { DAY } from "../time.ts";
import { type AccountMember, accountSchema, assessAccount } from "./accounts.ts";
import { accountDomain, isFreeMailDomain, registrableDomain } from "./email-domains.ts";
import { defaultModel, parseScoringModel } from "./model.ts";

const NOW = Date.UTC(2026, 5, 1);

function member(email: string, overrides: Partial<AccountMember> = {}, engagement = 20): AccountMember {
  return {
    email,
    visitorId: `01JC${email.length.toString().padStart(22, "0")}`,
    name: null,
    jobTitle: null,
    company: null,
    stage: "iql",
    fit: 20,
    engagement: { raw: engagement, at: NOW },
    byStage: { awareness: engagement, evaluation: 0, decision: 0 },
    firstSeen: new Date(NOW - DAY).toISOString(),
    lastSeen: new Date(NOW).toISOString(),
    ...overrides,
  };
}

describe("email domains", () => {
  it.each([
    ["ana@mad.globex.co.uk", "globex.co.uk"],
    ["ana@globex.com", "globex.com"],
    ["ana@eu.sales.globex.com", "globex.com"],
    ["ana@acme.test", "acme.test"],
  ])("%s belongs to the account %s", (email, domain) => {
    expect(accountDomain(email, defaultModel)).toBe(domain);
  });

  it.each(["ana@gmail.com", "ana@yahoo.co.jp", "ana@mail.ru", "ana@telefonica.net"])(
    "%s is free mail: no account",
    (email) => {
      expect(accountDomain(email, defaultModel)).toBeNull();
    },
  );

  it("the model adds free-mail providers to the built-in list, subdomains included", () => {
    const model = structuredClone(defaultModel);
    expect(isFreeMailDomain("mail.isp.test", model)).toBe(false);
    model.fit.businessEmail.freeMailDomains.push("isp.test");
    expect(isFreeMailDomain("mail.isp.test", model)).toBe(true);
    expect(accountDomain("ana@mail.isp.test", model)).toBeNull();
  });

  it("an address without a public suffix has no registrable domain", () => {
    expect(registrableDomain("ana@192.168.0.1")).toBeNull();
    expect(registrableDomain("not-an-email")).toBeNull();
  });
});

/** The account most tests assess: its space is only carried through. */
const GLOBEX = { space: "demo", domain: "globex.com" };

describe("assessAccount", () => {
  it("one known person is a known account", () => {
    const { account, rule } = assessAccount(GLOBEX, [member("ana@globex.com")], defaultModel, NOW);
    expect(account.stage).toBe("known");
    expect(rule).toContain("none at MQL");
    expect(account.breadth).toEqual({ people: 1, iql: 1, mql: 0, sql: 0 });
    expect(() => accountSchema.omit({ stageHistory: true }).parse(account)).not.toThrow();
  });

  it("a person at MQL makes it engaged; two make an MQA; an SQL makes an SQA", () => {
    const people = [member("ana@globex.com", { stage: "mql" }), member("bea@globex.com")];
    expect(assessAccount(GLOBEX, people, defaultModel, NOW).account.stage).toBe("engaged");
    people[1] = member("bea@globex.com", { stage: "mql" });
    const mqa = assessAccount(GLOBEX, people, defaultModel, NOW);
    expect(mqa.account.stage).toBe("mqa");
    expect(mqa.rule).toBe("2 people at MQL or above ≥ 2");
    people.push(member("carla@globex.com", { stage: "sql" }));
    const sqa = assessAccount(GLOBEX, people, defaultModel, NOW);
    expect(sqa.account.stage).toBe("sqa");
    expect(sqa.rule).toBe("carla@globex.com is an SQL");
    expect(sqa.account.breadth).toEqual({ people: 3, iql: 3, mql: 3, sql: 1 });
  });

  it("people made up from one browser or one network are one person to the account: no committee, no summed engagement", () => {
    const engagedFrom = (email: string, origins: string[]) => member(email, { stage: "mql", origins }, 40);
    // Two from one browser, then two from one network: each pair counts once.
    for (const pair of [
      [engagedFrom("ana@globex.com", ["browser:A"]), engagedFrom("bea@globex.com", ["browser:A"])],
      [
        engagedFrom("ana@globex.com", ["browser:A", "network:n1"]),
        engagedFrom("bea@globex.com", ["browser:B", "network:n1"]),
      ],
    ]) {
      const { account, rule } = assessAccount(GLOBEX, pair, defaultModel, NOW);
      expect(account.stage).toBe("engaged");
      expect(rule).toContain("is an MQL");
      expect(account.engagement).toBe(40);
      expect(account.reasons.map((reason) => reason.points).sort()).toEqual([0, 40]);
      expect(account.reasons.find((reason) => reason.points === 0)?.note).toMatch(/counted once with/);
    }
    // From distinct browsers and networks, they are a committee.
    const apart = [
      engagedFrom("ana@globex.com", ["browser:A", "network:n1"]),
      engagedFrom("bea@globex.com", ["browser:B", "network:n2"]),
    ];
    expect(assessAccount(GLOBEX, apart, defaultModel, NOW).account.stage).toBe("mqa");
  });

  it("engagement caps each person at memberCap: 90 + 10 + 10 is 60, an MQA", () => {
    const people = [
      member("ana@globex.com", {}, 90),
      member("bea@globex.com", {}, 10),
      member("carla@globex.com", {}, 10),
    ];
    const { account, rule } = assessAccount(GLOBEX, people, defaultModel, NOW);
    expect(account.engagement).toBe(60);
    expect(account.stage).toBe("mqa");
    expect(rule).toBe("account engagement 60 ≥ 60");
    expect(account.reasons[0]).toMatchObject({ points: 40 });
    expect(account.reasons[0]!.note).toContain("member cap of 40");
  });

  it("decays members' engagement to now and says when decay ends the MQA", () => {
    const people = [member("ana@globex.com", {}, 40), member("bea@globex.com", {}, 30)];
    const { account, nextStageReviewAt } = assessAccount(GLOBEX, people, defaultModel, NOW);
    expect(account.engagement).toBe(70);
    // 70 halves to 60 after 30·log2(70/60) days.
    const expected = NOW + 30 * DAY * Math.log2(70 / 60);
    expect(Math.abs(nextStageReviewAt! - expected)).toBeLessThan(2);
    expect(assessAccount(GLOBEX, people, defaultModel, nextStageReviewAt!).account.stage).toBe("known");
    expect(assessAccount(GLOBEX, people, defaultModel, nextStageReviewAt! - 1).account.stage).toBe("mqa");
  });

  it("a competitor's domain, or every person disqualified, disqualifies the account", () => {
    const model = parseScoringModel({
      ...defaultModel,
      disqualifiers: { ...defaultModel.disqualifiers, competitorDomains: ["rival.com"] },
    });
    expect(
      assessAccount({ space: "demo", domain: "rival.com" }, [member("x@rival.com", { stage: "sql" })], model, NOW)
        .account.stage,
    ).toBe("disqualified");
    const all = [member("a@globex.com", { stage: "disqualified" }), member("b@globex.com", { stage: "disqualified" })];
    expect(assessAccount(GLOBEX, all, model, NOW).rule).toBe("all 2 people are disqualified");
  });

  it("fit is the highest of its people; company the most given name; intent the deepest held stage", () => {
    const people = [
      member("a@globex.com", { fit: 45, company: "Globex" }),
      member("b@globex.com", {
        fit: 80,
        company: "globex ",
        byStage: { awareness: 5, evaluation: 0, decision: 30 },
      }),
      member("c@globex.com", { fit: 10, company: "Globex Corp" }),
    ];
    const { account } = assessAccount(GLOBEX, people, defaultModel, NOW);
    expect(account.fit).toBe(80);
    expect(account.company?.toLowerCase()).toBe("globex");
    expect(account.intent).toBe("awareness");
    expect(account.firstSeen).toBe(new Date(NOW - DAY).toISOString());
  });
});

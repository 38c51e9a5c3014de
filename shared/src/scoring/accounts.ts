/**
 * Accounts (shared/README.md, "People and accounts"): the people of one company scored as a
 * buying committee. A pure function of the people's latest qualifications, so an account is
 * re-assessed from what its members last said, never from their events.
 */
import { z } from "zod";
import { CONTENT_STAGES, type ContentStage } from "../limits.ts";
import { nextCursorSchema } from "../paging.ts";
import { DAY } from "../time.ts";
import { isoTimeSchema } from "./contract-fields.ts";
import { decayFactor } from "./decay.ts";
import { intentOf } from "./intent.ts";
import { isoString as iso } from "./iso.ts";
import { domainIn } from "./match.ts";
import type { ScoringModel } from "./model.ts";
import { round1 } from "./rounding.ts";
import type { Assessment } from "./score.ts";
import {
  ACCOUNT_STAGES,
  type AccountStage,
  QUALIFICATION_STAGES,
  type QualificationStage,
  STAGE_RANK,
} from "./stage-names.ts";

/** How many people an account answer lists, most engaged first (`breadth.people` counts them all). */
export const ACCOUNT_PEOPLE_LIMIT = 100;

/** One person of an account, as the account answer lists it. */
export const accountPersonSchema = z
  .object({
    visitorId: z.string().describe("The person's primary visitor: `GET /v1/visitors/{visitorId}` explains it."),
    email: z.string(),
    name: z.string().nullable(),
    jobTitle: z.string().nullable(),
    stage: z.enum(QUALIFICATION_STAGES),
    engagement: z.number().describe("The person's engagement now (decayed), 0–100."),
    fit: z.number(),
  })
  .meta({ id: "AccountPerson" });
export type AccountPerson = z.infer<typeof accountPersonSchema>;

/** What one person adds to the account's engagement: a receipt. */
export const accountReasonSchema = z
  .object({
    visitorId: z.string().describe("The person's primary visitor."),
    points: z.number().describe("Engagement the person adds to the account now, at most the model's memberCap."),
    note: z.string(),
  })
  .meta({ id: "AccountReason" });
export type AccountReason = z.infer<typeof accountReasonSchema>;

/** One change of an account's stage and what caused it. */
export const accountStageChangeSchema = z
  .object({
    stage: z.enum(ACCOUNT_STAGES),
    at: isoTimeSchema,
    reason: z.string().describe('What caused it: "ana@globex.com became sql", "decay: …".'),
    rule: z.string().describe('The account rule that matched: "2 people at MQL or above ≥ 2".'),
  })
  .meta({ id: "AccountStageChange" });
export type AccountStageChange = z.infer<typeof accountStageChangeSchema>;

/** An account's qualification: `GET /v1/accounts/{domain}`. */
export const accountSchema = z
  .object({
    domain: z.string().describe("The registrable domain of its people's emails: ana@mad.globex.co.uk → globex.co.uk."),
    space: z
      .string()
      .describe(
        "The people space it belongs to: its sites' group, or its one site's key. The same domain in two spaces is " +
          'two accounts. Empty for an account from before spaces ("").',
      ),
    company: z.string().nullable().describe("The company name its people give most often."),
    stage: z
      .enum(ACCOUNT_STAGES)
      .describe(
        "First match wins: disqualified (every person disqualified, or a competitor's domain) › sqa (a person is " +
          "an SQL) › mqa (engagement ≥ mqa.minEngagement, or mqa.minEngagedPeople people at MQL or above, " +
          "people seen from one browser or one network counting once) › " +
          "engaged (a person at MQL or above) › known.",
      ),
    engagement: z
      .number()
      .describe(
        "min(100, Σ over people of min(person's engagement, memberCap)), decayed to now; people seen from one " +
          "browser or one network count once, as the most engaged of them.",
      ),
    fit: z.number().describe("The highest fit of its people."),
    intent: z
      .enum(CONTENT_STAGES)
      .nullable()
      .describe("The content stage holding the most of its people's decayed points; null when none holds any."),
    breadth: z
      .object({
        people: z.number().int().nonnegative(),
        iql: z.number().int().nonnegative(),
        mql: z.number().int().nonnegative(),
        sql: z.number().int().nonnegative(),
      })
      .describe("How many people it has, and how many are at each stage or above."),
    people: z
      .array(accountPersonSchema)
      .describe(`Its people, most engaged first (at most ${ACCOUNT_PEOPLE_LIMIT}; breadth.people counts all).`),
    reasons: z
      .array(accountReasonSchema)
      .describe("What each person adds to the account's engagement, largest first (the same people as `people`)."),
    stageHistory: z.array(accountStageChangeSchema).describe("Changes of stage, oldest first."),
    firstSeen: isoTimeSchema,
    lastSeen: isoTimeSchema,
    model: z.string(),
  })
  .meta({ id: "Account", description: "A company's people scored as a buying committee." });
export type Account = z.infer<typeof accountSchema>;

/** One page of `GET /v1/accounts`, newest change first. */
export const accountsPageSchema = z
  .object({
    items: z.array(accountSchema),
    nextCursor: nextCursorSchema,
  })
  .meta({ id: "AccountsPage" });
export type AccountsPage = z.infer<typeof accountsPageSchema>;

/** What a person tells its account: enough to rank, explain and decay it without its events. */
export interface AccountMember {
  email: string;
  visitorId: string;
  name: string | null;
  jobTitle: string | null;
  company: string | null;
  stage: QualificationStage;
  fit: number;
  /** Unclamped engagement at `at`, so the account can decay it to any later time exactly. */
  engagement: { raw: number; at: number };
  /** Points per content stage, decayed to `engagement.at`. */
  byStage: Record<ContentStage, number>;
  firstSeen: string;
  lastSeen: string;
  /**
   * The browsers (`browser:<id>`) and networks (`network:<tag>`) the person was seen from: people
   * who share one count once toward a buying committee. Absent in reports made before it was kept.
   */
  origins?: string[];
}

/**
 * The member a person's assessment makes. Its engagement is dated at the person's last event,
 * not at the time it was scored, so the report changes only when the person does something:
 * re-scoring an idle person does not make news for its account.
 */
export function accountMember(assessment: Assessment, model: ScoringModel): AccountMember {
  const q = assessment.qualification;
  const lastSeen = Date.parse(q.lastSeen);
  const { raw, at } = assessment.engagement;
  const sinceLast = decayFactor(at - lastSeen, model.engagement.halfLifeDays * DAY);
  const undecay = (points: number) => round1(points / sinceLast);
  return {
    email: q.identity.email ?? "",
    visitorId: q.visitorId,
    name: q.identity.name ?? null,
    jobTitle: q.identity.jobTitle ?? null,
    company: q.identity.company ?? null,
    stage: q.stage,
    fit: q.score.fit,
    engagement: { raw: raw / sinceLast, at: lastSeen },
    byStage: {
      awareness: undecay(q.score.byStage.awareness),
      evaluation: undecay(q.score.byStage.evaluation),
      decision: undecay(q.score.byStage.decision),
    },
    firstSeen: q.firstSeen,
    lastSeen: q.lastSeen,
    origins: originsOf(assessment),
  };
}

/** The browsers and networks a person's scored events came from (see `AccountMember.origins`). */
function originsOf(assessment: Assessment): string[] {
  const networks = new Set<string>();
  for (const event of assessment.events) {
    const { network } = event as { network?: string };
    if (network) networks.add(network);
  }
  return [
    ...assessment.qualification.visitorIds.map((visitorId) => `browser:${visitorId}`),
    ...[...networks].sort().map((network) => `network:${network}`),
  ];
}

/**
 * Which group each of `members` is in: members who share a browser or a network (`origins`) are
 * one group, worth one person to the account, so people made up from one browser or one network
 * are not a buying committee. A group is named by its first member's index.
 */
function groupsOf(members: readonly AccountMember[]): number[] {
  const parent = members.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : root(parent[i]!));
  const firstWith = new Map<string, number>();
  members.forEach((member, i) => {
    for (const origin of member.origins ?? []) {
      const seen = firstWith.get(origin);
      if (seen === undefined) firstWith.set(origin, i);
      else {
        const [a, b] = [root(i), root(seen)];
        parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  return members.map((_, i) => root(i));
}

/** An account's qualification now and the next time its stage changes with no new member news. */
export interface AccountAssessment {
  /** Everything but the stage history, which the account keeps as it happens. */
  account: Omit<Account, "stageHistory">;
  /** The stage rule that matched, in words. */
  rule: string;
  /** When decay takes engagement below `mqa.minEngagement` and so changes the stage; else null. */
  nextStageReviewAt: number | null;
}

/** A person's engagement at `t`: decayed from what it last reported, clamped to the model's max. */
function engagementAt(member: AccountMember, t: number, model: ScoringModel): number {
  const factor = decayFactor(t - member.engagement.at, model.engagement.halfLifeDays * DAY);
  return Math.min(model.engagement.max, member.engagement.raw * factor);
}

function accountEngagementAt(
  members: readonly AccountMember[],
  t: number,
  model: ScoringModel,
  groups: readonly number[],
): number {
  // Each group counts as one person: its most engaged member, up to the member cap.
  const best = new Map<number, number>();
  members.forEach((member, i) => {
    const engagement = Math.min(model.accounts.memberCap, engagementAt(member, t, model));
    best.set(groups[i]!, Math.max(best.get(groups[i]!) ?? 0, engagement));
  });
  let sum = 0;
  for (const engagement of best.values()) sum += engagement;
  return Math.min(model.engagement.max, sum);
}

/** The stage rules, first match wins. */
function decide(
  domain: string,
  members: readonly AccountMember[],
  groups: readonly number[],
  engagement: number,
  model: ScoringModel,
): { stage: AccountStage; rule: string; byEngagementOnly: boolean } {
  const { mqa } = model.accounts;
  if (domainIn(domain, model.disqualifiers.competitorDomains)) {
    return { stage: "disqualified", rule: `domain ${domain} is a competitor`, byEngagementOnly: false };
  }
  if (members.every((member) => member.stage === "disqualified")) {
    return { stage: "disqualified", rule: `all ${members.length} people are disqualified`, byEngagementOnly: false };
  }
  const sql = members.find((member) => member.stage === "sql");
  if (sql) return { stage: "sqa", rule: `${sql.email} is an SQL`, byEngagementOnly: false };
  const engaged = members.filter((member) => STAGE_RANK[member.stage] >= STAGE_RANK.mql);
  // The same groups as the engagement's: people linked through anyone count once.
  const committee = new Set(groups.filter((_, i) => STAGE_RANK[members[i]!.stage] >= STAGE_RANK.mql)).size;
  if (committee >= mqa.minEngagedPeople && mqa.minEngagedPeople > 0) {
    return {
      stage: "mqa",
      rule: `${committee} people at MQL or above ≥ ${mqa.minEngagedPeople}`,
      byEngagementOnly: false,
    };
  }
  if (engagement >= mqa.minEngagement) {
    return {
      stage: "mqa",
      rule: `account engagement ${round1(engagement)} ≥ ${mqa.minEngagement}`,
      byEngagementOnly: true,
    };
  }
  if (engaged[0]) return { stage: "engaged", rule: `${engaged[0].email} is an MQL`, byEngagementOnly: false };
  return { stage: "known", rule: `${members.length} known, none at MQL yet`, byEngagementOnly: false };
}

/**
 * The first whole millisecond after `now` at which account engagement is below `threshold`.
 * Each person's capped share only falls with time, so the sum does too: bisection finds it.
 */
function firstTimeBelow(
  members: readonly AccountMember[],
  threshold: number,
  now: number,
  model: ScoringModel,
  groups: readonly number[],
): number | null {
  if (threshold <= 0 || accountEngagementAt(members, now, model, groups) < threshold) return null;
  let low = now;
  let high = now + 64 * model.engagement.halfLifeDays * DAY;
  if (accountEngagementAt(members, high, model, groups) >= threshold) return null;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (accountEngagementAt(members, mid, model, groups) < threshold) high = mid;
    else low = mid;
  }
  return high;
}

/**
 * Assesses an account from its members' latest reports. Pure: no I/O, no clock.
 *
 * @param key the account's people space (a label the engine only carries) and registrable domain
 *   (`accountDomain`).
 * @param members at least one person.
 * @param now milliseconds since the epoch; every member's engagement is decayed to it.
 */
export function assessAccount(
  key: { space: string; domain: string },
  members: readonly AccountMember[],
  model: ScoringModel,
  now: number,
): AccountAssessment {
  if (members.length === 0) throw new RangeError("assessAccount needs at least one person");
  const { memberCap } = model.accounts;
  const { domain } = key;
  const groups = groupsOf(members);
  const engagement = accountEngagementAt(members, now, model, groups);
  const decision = decide(domain, members, groups, engagement, model);

  const ranked = members
    .map((member, i) => ({ member, group: groups[i]!, engagement: engagementAt(member, now, model) }))
    .sort((a, b) => b.engagement - a.engagement || (a.member.email < b.member.email ? -1 : 1));
  // Ranked most engaged first: a group's first is the one it counts, the rest are counted with it.
  const countedAs = new Map<number, AccountMember>();
  for (const { member, group } of ranked) if (!countedAs.has(group)) countedAs.set(group, member);
  const shown = ranked.slice(0, ACCOUNT_PEOPLE_LIMIT);

  const byStage: Record<ContentStage, number> = { awareness: 0, evaluation: 0, decision: 0 };
  const companies = new Map<string, { name: string; count: number }>();
  let fit = 0;
  let firstSeen = members[0]!.firstSeen;
  let lastSeen = members[0]!.lastSeen;
  const breadth = { people: members.length, iql: 0, mql: 0, sql: 0 };
  for (const { member } of ranked) {
    const factor = decayFactor(now - member.engagement.at, model.engagement.halfLifeDays * DAY);
    for (const stage of CONTENT_STAGES) byStage[stage] += member.byStage[stage] * factor;
    fit = Math.max(fit, member.fit);
    if (member.firstSeen < firstSeen) firstSeen = member.firstSeen;
    if (member.lastSeen > lastSeen) lastSeen = member.lastSeen;
    const rank = STAGE_RANK[member.stage];
    if (rank >= STAGE_RANK.iql) breadth.iql++;
    if (rank >= STAGE_RANK.mql) breadth.mql++;
    if (rank >= STAGE_RANK.sql) breadth.sql++;
    if (member.company) {
      const key = member.company.trim().toLowerCase();
      const seen = companies.get(key);
      // Ranked most engaged first, so a tie keeps the spelling of the most engaged person.
      if (seen) seen.count++;
      else companies.set(key, { name: member.company.trim(), count: 1 });
    }
  }
  let company: { name: string; count: number } | null = null;
  for (const candidate of companies.values()) if (!company || candidate.count > company.count) company = candidate;

  return {
    account: {
      domain,
      space: key.space,
      company: company?.name ?? null,
      stage: decision.stage,
      engagement: round1(engagement),
      fit: round1(fit),
      intent: intentOf(byStage),
      breadth,
      people: shown.map(({ member, engagement }) => ({
        visitorId: member.visitorId,
        email: member.email,
        name: member.name,
        jobTitle: member.jobTitle,
        stage: member.stage,
        engagement: round1(engagement),
        fit: member.fit,
      })),
      reasons: shown.map(({ member, group, engagement }) => {
        const countedWith = countedAs.get(group)!;
        if (countedWith !== member) {
          return {
            visitorId: member.visitorId,
            points: 0,
            note:
              `${member.email} (${member.stage}): engagement ${round1(engagement)}, counted once with ` +
              `${countedWith.email}: seen from the same browser or network`,
          };
        }
        const counted = Math.min(memberCap, engagement);
        return {
          visitorId: member.visitorId,
          points: round1(counted),
          note:
            `${member.email} (${member.stage}): engagement ${round1(engagement)}` +
            (engagement > memberCap ? `, counted up to the member cap of ${memberCap}` : ""),
        };
      }),
      firstSeen,
      lastSeen,
      model: model.id,
    },
    rule: decision.rule,
    nextStageReviewAt: decision.byEngagementOnly
      ? firstTimeBelow(members, model.accounts.mqa.minEngagement, now, model, groups)
      : null,
  };
}

/** When a stage change is recorded at `at`. */
export function accountStageChange(stage: AccountStage, at: number, reason: string, rule: string): AccountStageChange {
  return { stage, at: iso(at), reason, rule };
}

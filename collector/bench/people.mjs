// What people and accounts cost at ingestion, against single-visitor ingestion measured in the
// same collector and the same run (samples alternate, so both see the same machine noise):
//
// - merge: the identify that joins a visitor holding 1,000 events to a person holding 1,000,
//   against three requests of a lone visitor holding 1,000: a view that earns nothing (store,
//   re-score 1,000; its index write is deferred, nothing it lists by moved), a download that earns
//   points (the same, and its row written at once), and its own identify (it becomes a person
//   alone). The identify request stores the event and answers; the merge itself (the span sent
//   to the person, 2,000 events re-scored, the row written) starts right after. So the bench
//   also times each to its answer: the identify, then `GET /v1/visitors/:id`, which waits for
//   the merge and scores the person's 2,000 events; the download, then the same read of the lone
//   visitor's 1,000. Locally every object shares one thread, so each sample ends with the read
//   that waits for its background work, and none of it slows the next sample.
// - account member: 10 events for one of 200 people of one company (visitor → person → deferred
//   account report), against 10 events for one of 200 anonymous visitors.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCollector } from "../scripts/local-collector.mjs";
import { contentView, newId, seedViews, sendEvents } from "./requests.mjs";

const DAY = 86_400_000;
const MERGES = Number(process.env.BENCH_MERGES ?? 30);
const MEMBER_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const PEOPLE = 200;

function download(visitorId, file) {
  const ts = Date.now();
  return {
    id: newId(),
    type: "download",
    visitorId,
    sessionId: visitorId,
    ts,
    url: "https://acme.test/guides/",
    href: `https://acme.test/files/${file}`,
  };
}

function identify(visitorId, email, ts = Date.now()) {
  return {
    id: newId(),
    type: "identify",
    visitorId,
    sessionId: visitorId,
    ts,
    url: "https://acme.test/signup",
    traits: { email },
  };
}

const send = sendEvents;
const view = contentView;
const seed = seedViews;

async function timed(work) {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

let reads = 0;

/**
 * The qualification `GET /v1/visitors/:id` answers, which finishes a merge still under way. Each
 * read from its own client address, so the read API's rate limit is not what is measured.
 */
async function readVisitor(collector, visitorId) {
  reads++;
  const response = await fetch(`${collector.url}/v1/visitors/${visitorId}`, {
    headers: {
      authorization: `Bearer ${collector.apiKey}`,
      "cf-connecting-ip": `10.2.${(reads >> 8) & 255}.${reads & 255}`,
    },
  });
  if (response.status !== 200) throw new Error(`visitor read answered ${response.status}: ${await response.text()}`);
  return response.json();
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
function summary(list) {
  const sorted = [...list].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90) };
}

export async function benchPeople() {
  const state = mkdtempSync(join(tmpdir(), "embudo-bench-"));
  const collector = await startCollector({ persistTo: state, quiet: true });
  const { url } = collector;
  try {
    // Merges: each sample a fresh trio: A already a person, B anonymous, 1,000 events each with
    // the identify (a visitor's quota is 1,000 a day), and the baselines' lone visitor with 997.
    const trios = [];
    for (let i = 0; i < MERGES; i++) {
      // A and B are one buyer's browsers at home: one address, so B's identify joins A's person.
      const home = `10.9.${(i >> 8) & 255}.${i & 255}`;
      const trio = { email: `buyer${i}@merge-bench.test`, a: newId(), b: newId(), lone: newId(), home };
      await seed(url, trio.a, 999);
      await send(url, [identify(trio.a, trio.email, Date.now() - DAY)], home);
      await seed(url, trio.b, 999);
      await seed(url, trio.lone, 997);
      trios.push(trio);
    }
    const merge = [];
    const merged = [];
    const scored = [];
    const single = [];
    const scoring = [];
    const alone = [];
    for (const [i, trio] of trios.entries()) {
      const runs = [
        async () => {
          const started = performance.now();
          await send(url, [identify(trio.b, trio.email)], trio.home);
          merge.push(performance.now() - started);
          const person = await readVisitor(collector, trio.b);
          merged.push(performance.now() - started);
          if (person.visitorIds.length !== 2) throw new Error(`merge incomplete: ${JSON.stringify(person.visitorIds)}`);
        },
        async () => {
          single.push(await timed(() => send(url, [view(trio.lone, Date.now(), i)])));
          const started = performance.now();
          await send(url, [download(trio.lone, `guide-${i}.pdf`)]);
          scoring.push(performance.now() - started);
          await readVisitor(collector, trio.lone);
          scored.push(performance.now() - started);
          alone.push(await timed(() => send(url, [identify(trio.lone, `alone${i}@merge-bench.test`)])));
          // Its person is made just after the answer: done before the next sample starts.
          await readVisitor(collector, trio.lone);
        },
      ];
      for (const run of i % 2 ? runs : [...runs].reverse()) await run();
    }

    // A 200-person account, and 200 anonymous visitors, 10 events each to start with.
    const members = [];
    const anonymous = [];
    for (let i = 0; i < PEOPLE; i++) {
      const member = newId();
      const now = Date.now();
      await send(url, [
        identify(member, `person${i}@account-bench.test`, now - 60_000),
        ...Array.from({ length: 9 }, (_, j) => view(member, now - 50_000 + j, j)),
      ]);
      members.push(member);
      const visitor = newId();
      await send(
        url,
        Array.from({ length: 10 }, (_, j) => view(visitor, now - 50_000 + j, j)),
      );
      anonymous.push(visitor);
    }
    const member = [];
    const visitor = [];
    for (let i = 0; i < MEMBER_SAMPLES; i++) {
      const batch = (id) => Array.from({ length: 10 }, (_, j) => view(id, Date.now() - 10 + j, 10 + i * 10 + j));
      const runs = [
        async () => member.push(await timed(() => send(url, batch(members[i % PEOPLE])))),
        async () => visitor.push(await timed(() => send(url, batch(anonymous[i % PEOPLE])))),
      ];
      for (const run of i % 2 ? runs : [...runs].reverse()) await run();
    }

    // The account must have heard of every person: read it back.
    const account = await fetch(`${url}/v1/accounts/account-bench.test`, {
      headers: { authorization: `Bearer ${collector.apiKey}` },
    }).then((response) => response.json());
    return {
      merges: MERGES,
      memberSamples: MEMBER_SAMPLES,
      merge: summary(merge),
      merged: summary(merged),
      scored: summary(scored),
      single: summary(single),
      scoring: summary(scoring),
      alone: summary(alone),
      member: summary(member),
      visitor: summary(visitor),
      accountPeople: account.breadth?.people ?? 0,
    };
  } finally {
    await collector.stop();
    rmSync(state, { recursive: true, force: true });
  }
}

export function formatPeople(r) {
  const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
  return [
    `People and accounts at ingestion, wrangler dev, alternating with their single-visitor baseline`,
    `  lone visitor, 1,000: a view earning nothing     p50 ${r.single.p50.toFixed(1)} ms   p90 ${r.single.p90.toFixed(1)} ms   (${r.merges} samples)`,
    `                       a download earning points p50 ${r.scoring.p50.toFixed(1)} ms   p90 ${r.scoring.p90.toFixed(1)} ms`,
    `                       its identify (new person) p50 ${r.alone.p50.toFixed(1)} ms   p90 ${r.alone.p90.toFixed(1)} ms`,
    `  identify merging 1,000 + 1,000 into one person  p50 ${r.merge.p50.toFixed(1)} ms   p90 ${r.merge.p90.toFixed(1)} ms`,
    `  merge / (p50): download ${ratio(r.merge.p50, r.scoring.p50)}   view ${ratio(r.merge.p50, r.single.p50)}   lone identify ${ratio(r.merge.p50, r.alone.p50)}`,
    `  identify, then the read that answers the merge  p50 ${r.merged.p50.toFixed(1)} ms   p90 ${r.merged.p90.toFixed(1)} ms`,
    `  download, then the same read of the lone one    p50 ${r.scored.p50.toFixed(1)} ms   p90 ${r.scored.p90.toFixed(1)} ms`,
    `  merge to its answer / download to its answer (p50): ${ratio(r.merged.p50, r.scored.p50)}`,
    `  10 events, one of 200 anonymous visitors        p50 ${r.visitor.p50.toFixed(1)} ms   p90 ${r.visitor.p90.toFixed(1)} ms   (${r.memberSamples} samples)`,
    `  10 events, one of ${r.accountPeople} people of one account       p50 ${r.member.p50.toFixed(1)} ms   p90 ${r.member.p90.toFixed(1)} ms`,
    `  member / visitor (p50): ${ratio(r.member.p50, r.visitor.p50)}`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatPeople(await benchPeople()));
}

import { claimReviewRequestSchema, feedbackRequestSchema } from "@embudo/shared";
import { type Context, Hono } from "hono";
import type { Schema } from "../../../client/index.ts";
import type { DashboardEnv } from "../api.ts";
import { doneHref, flash } from "../flash.ts";
import { points, when } from "../format.ts";
import { DataTable, href, Notice, Page, StageBadge, StageHistoryTable } from "../layout.tsx";
import { invalidInput, refusalPage, refusedBy } from "../refusal.tsx";

/** What the event says, in a line: its page, file, form or name. */
function eventDetail(event: Schema<"StoredEvent">): string {
  switch (event.type) {
    case "download":
      return event.href ?? "";
    case "form_submit":
      return `${event.formId ?? ""}${event.intent ? ` (${event.intent})` : ""} on ${event.url ?? ""}`;
    case "identify":
      return Object.entries(event.traits ?? {})
        .map(([trait, value]) => `${trait}: ${String(value)}`)
        .join(", ");
    case "custom":
      return `${event.name ?? ""} on ${event.url ?? ""}`;
    case "sales_feedback":
      return `${event.outcome ?? ""}${event.reason ? `: ${event.reason}` : ""}`;
    default:
      return `${event.title ? `${event.title} · ` : ""}${event.url ?? ""}`;
  }
}

/** Accept, reject or disqualify: each a form that posts what sales said, with an optional reason. */
function FeedbackButtons(props: { visitorId: string }) {
  const action = href(`/leads/${props.visitorId}/feedback`);
  return (
    <form method="post" action={action} class="actions" aria-label="Sales feedback">
      <label>
        Reason (optional)
        <input type="text" name="reason" maxlength={500} />
      </label>
      <button type="submit" name="outcome" value="accepted">
        Accept
      </button>
      <button type="submit" name="outcome" value="rejected" class="secondary">
        Reject
      </button>
      <button type="submit" name="outcome" value="disqualified" class="danger">
        Disqualify
      </button>
    </form>
  );
}

/**
 * The browsers that gave the lead's email with nothing tying them to it: what each said, where it
 * says something else than the lead, and sales' two answers. Never applied until confirmed.
 */
function ClaimsSection(props: { lead: Schema<"Qualification"> }) {
  const { lead } = props;
  const claims = lead.claims ?? [];
  if (claims.length === 0) return null;
  return (
    <section>
      <h2>Claims to this person</h2>
      <p class="muted">
        These browsers gave this email from elsewhere than the person's own. Their events are in the timeline, but they
        do not count until you confirm them.
      </p>
      <DataTable columns={["Browser", "Claimed", "Status", "Said", "Differs on", "Your answer"]}>
        {claims.map((claim) => (
          <tr>
            <td class="muted">{claim.visitorId}</td>
            <td>{when(claim.claimedAt)}</td>
            <td>{claim.status}</td>
            <td>
              {Object.entries(claim.traits)
                .map(([trait, value]) => `${trait}: ${String(value)}`)
                .join(", ")}
            </td>
            <td>{claim.conflicts.join(", ") || "–"}</td>
            <td>
              <form
                method="post"
                action={href(`/leads/${lead.visitorId}/claims/${claim.visitorId}`)}
                class="actions"
                aria-label={`Claim of ${claim.visitorId}`}
              >
                {/* The lead's person, whatever the browser gave after. */}
                <input type="hidden" name="email" value={lead.identity.email ?? ""} />
                <button type="submit" name="decision" value="confirmed">
                  Confirm
                </button>
                {claim.status !== "rejected" && (
                  <button type="submit" name="decision" value="rejected" class="danger">
                    Reject
                  </button>
                )}
              </form>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

/**
 * One lead and why: identity, scores, points per content stage, stage history, every reason, the
 * claims waiting for sales, the sales feedback buttons and the raw timeline. Everything a browser
 * sent is shown as text.
 */
export function LeadView(props: {
  lead: Schema<"Qualification">;
  timeline: Schema<"EventsPage">;
  message?: string;
  cursor?: string;
}) {
  const { lead, timeline } = props;
  const { identity } = lead;
  const claimants = new Set((lead.claims ?? []).map((claim) => claim.visitorId));
  const title = identity.email ?? `Visitor ${lead.visitorId}`;
  return (
    <Page title={title} active="leads">
      {props.message && <Notice>{props.message}</Notice>}
      <div class="grid">
        <section>
          <h2>Stage</h2>
          <p>
            <StageBadge stage={lead.stage} />
          </p>
          <p class="muted">{lead.stageHistory.at(-1)?.rule ?? ""}</p>
          <FeedbackButtons visitorId={lead.visitorId} />
        </section>
        <section>
          <h2>Scores</h2>
          <p>
            Engagement <span class="metric">{points(lead.score.engagement)}</span> · fit{" "}
            <span class="metric">{points(lead.score.fit)}</span>
          </p>
          <table>
            <tbody>
              <tr>
                <th>Awareness</th>
                <td class="num">{points(lead.score.byStage.awareness)}</td>
              </tr>
              <tr>
                <th>Evaluation</th>
                <td class="num">{points(lead.score.byStage.evaluation)}</td>
              </tr>
              <tr>
                <th>Decision</th>
                <td class="num">{points(lead.score.byStage.decision)}</td>
              </tr>
            </tbody>
          </table>
          <p class="muted">Intent: {lead.intent ?? "none yet"}</p>
        </section>
        <section>
          <h2>Identity</h2>
          <div class="table-wrap">
            <table>
              <tbody>
                {Object.entries(identity).map(([trait, value]) => (
                  <tr>
                    <th>{trait}</th>
                    <td>{value === null || value === undefined ? "–" : String(value)}</td>
                  </tr>
                ))}
                <tr>
                  <th>visitors</th>
                  <td>{lead.visitorIds.join(", ")}</td>
                </tr>
                <tr>
                  <th>first seen</th>
                  <td>{when(lead.firstSeen)}</td>
                </tr>
                <tr>
                  <th>came from</th>
                  <td>
                    {lead.source
                      ? `${lead.source.first.channel}${lead.source.first.source ? ` (${lead.source.first.source})` : ""}`
                      : "–"}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        </section>
      </div>
      <ClaimsSection lead={lead} />
      <section>
        <h2>Stage history</h2>
        <StageHistoryTable changes={lead.stageHistory} />
        {lead.stageHistoryTotal > lead.stageHistory.length && (
          <p class="muted">
            The latest {lead.stageHistory.length} of {lead.stageHistoryTotal} changes.
          </p>
        )}
      </section>
      <section>
        <h2>Why: every reason</h2>
        <DataTable columns={[{ num: "Points" }, "Rule", "What happened", "Content stage", "When"]}>
          {lead.reasons.map((reason) => (
            <tr>
              <td class="num">{points(reason.points)}</td>
              <td>{reason.rule}</td>
              <td>{reason.note}</td>
              <td>{reason.stage ?? ""}</td>
              <td>{when(reason.at)}</td>
            </tr>
          ))}
        </DataTable>
        {lead.reasonsTotal > lead.reasons.length && (
          <p class="muted">
            The largest {lead.reasons.length} of {lead.reasonsTotal} reasons.
          </p>
        )}
      </section>
      <section>
        <h2>Timeline</h2>
        <DataTable columns={["When", "Event", "Detail", "Visitor"]}>
          {timeline.items.map((event) => (
            <tr>
              <td>{when(event.ts)}</td>
              <td>
                {event.type}
                {event.stage ? ` · ${event.stage}` : ""}
                {event.automation ? " · automated" : ""}
              </td>
              <td>{eventDetail(event)}</td>
              <td class="muted">
                {event.visitorId}
                {claimants.has(event.visitorId) ? " · claim, not counted" : ""}
              </td>
            </tr>
          ))}
        </DataTable>
        {timeline.nextCursor && (
          <a href={href(`/leads/${lead.visitorId}?cursor=${encodeURIComponent(timeline.nextCursor)}`)}>Older events</a>
        )}
      </section>
    </Page>
  );
}

/** A lead's page: its visitor id, a ULID (26 letters and digits); nothing else under `/leads/` is a lead. */
const LEAD_PATH = "/leads/:visitorId{[0-9A-Za-z]{26}}";

/**
 * What sales said in the feedback form, checked with the API's own schema: the typed client takes
 * only the API's outcomes, and anything else is refused in the words the API would use.
 */
async function feedbackOf(c: Context) {
  const form = await c.req.parseBody();
  const reason = typeof form.reason === "string" && form.reason.trim() ? form.reason.trim() : undefined;
  return feedbackRequestSchema.safeParse({ outcome: form.outcome, ...(reason ? { reason } : {}) });
}

/** A claim's answer from its form, checked with the API's own schema. */
async function claimReviewOf(c: Context) {
  const form = await c.req.parseBody();
  const email = typeof form.email === "string" && form.email ? form.email : undefined;
  return claimReviewRequestSchema.safeParse({ decision: form.decision, ...(email ? { email } : {}) });
}

/**
 * `GET /dashboard/leads/:visitorId`, the lead and a page of its timeline; `POST …/feedback`, what
 * sales said, recorded through `POST /v1/visitors/{visitorId}/feedback`; `POST …/claims/:claimant`,
 * sales' answer to a claim, through `POST /v1/visitors/{claimant}/claim`.
 */
export const leadRoutes = new Hono<DashboardEnv>()
  .get(LEAD_PATH, async (c) => {
    const path = { visitorId: c.req.param("visitorId") };
    const cursor = c.req.query("cursor") || undefined;
    // Both at once: the page costs what its slower API call costs.
    const [lead, timeline] = await Promise.all([
      c.var.api.GET("/v1/visitors/{visitorId}", { params: { path } }),
      c.var.api.GET("/v1/visitors/{visitorId}/events", { params: { path, query: { cursor, limit: 50 } } }),
    ]);
    if (lead.data === undefined) return refusalPage(c, refusedBy(lead), "Lead", "leads");
    if (timeline.data === undefined) return refusalPage(c, refusedBy(timeline), "Lead", "leads");
    return c.html(<LeadView lead={lead.data} timeline={timeline.data} message={flash(c)} />);
  })
  .post(`${LEAD_PATH}/feedback`, async (c) => {
    const visitorId = c.req.param("visitorId");
    const feedback = await feedbackOf(c);
    if (!feedback.success) return refusalPage(c, invalidInput(feedback.error), "Sales feedback", "leads");
    const answer = await c.var.api.POST("/v1/visitors/{visitorId}/feedback", {
      params: { path: { visitorId } },
      body: feedback.data,
    });
    if (answer.data === undefined) return refusalPage(c, refusedBy(answer), "Sales feedback", "leads");
    return c.redirect(doneHref(`/leads/${visitorId}`, feedback.data.outcome), 303);
  })
  .post(`${LEAD_PATH}/claims/:claimant{[0-9A-Za-z]{26}}`, async (c) => {
    const claimant = c.req.param("claimant");
    const review = await claimReviewOf(c);
    if (!review.success) return refusalPage(c, invalidInput(review.error), "Claim", "leads");
    const answer = await c.var.api.POST("/v1/visitors/{visitorId}/claim", {
      params: { path: { visitorId: claimant } },
      body: review.data,
    });
    if (answer.data === undefined) return refusalPage(c, refusedBy(answer), "Claim", "leads");
    // The lead's primary may have changed (a founder rejected): its page is the person's now.
    return c.redirect(doneHref(`/leads/${answer.data.visitorId}`, `claim-${review.data.decision}`), 303);
  });

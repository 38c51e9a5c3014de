import { Hono } from "hono";
import type { Schema } from "../../../client/index.ts";
import type { DashboardEnv } from "../api.ts";
import { doneHref, flash } from "../flash.ts";
import { when } from "../format.ts";
import { DataTable, href, Notice, Page } from "../layout.tsx";
import { refusalPage, refusedBy } from "../refusal.tsx";

/** The webhook endpoints: where stage changes go. */
export function WebhooksView(props: { endpoints: Schema<"Webhook">[] }) {
  return (
    <Page title="Webhooks" active="webhooks">
      <section>
        {props.endpoints.length === 0 ? (
          <p class="muted">No endpoint yet: POST /v1/webhooks registers one (its secret is shown once).</p>
        ) : (
          <DataTable columns={["Endpoint", "Events", "Stages", "State", "Created"]}>
            {props.endpoints.map((endpoint) => (
              <tr>
                <td>
                  <a href={href(`/webhooks/${endpoint.id}`)}>{endpoint.url}</a>
                  {endpoint.description && <div class="muted">{endpoint.description}</div>}
                </td>
                <td>{endpoint.events.join(", ")}</td>
                <td>{endpoint.stages?.join(", ") ?? "every stage"}</td>
                <td>{endpoint.disabled ? `disabled: ${endpoint.disabledReason ?? ""}` : "active"}</td>
                <td>{when(endpoint.createdAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </Page>
  );
}

/** One endpoint's deliveries, newest first, each with a button that delivers it again. */
export function WebhookView(props: {
  endpoint: Schema<"Webhook">;
  deliveries: Schema<"WebhookDelivery">[];
  nextCursor: string | null;
  message?: string;
}) {
  const { endpoint } = props;
  return (
    <Page title={endpoint.url} active="webhooks">
      {props.message && <Notice>{props.message}</Notice>}
      <section>
        <DataTable
          columns={["Created", "Event", "Status", { num: "Attempts" }, "Last answer", "Next attempt", "Replay"]}
        >
          {props.deliveries.map((delivery) => (
            <tr>
              <td>{when(delivery.createdAt)}</td>
              <td>
                {delivery.type}
                <div class="muted">{delivery.messageId}</div>
              </td>
              <td>{delivery.status}</td>
              <td class="num">{delivery.attempts}</td>
              <td>{delivery.lastStatus ?? "–"}</td>
              <td>{delivery.nextAttemptAt ? when(delivery.nextAttemptAt) : "–"}</td>
              <td>
                <form method="post" action={href(`/webhooks/${endpoint.id}/deliveries/${delivery.id}/replay`)}>
                  <button type="submit" class="secondary">
                    Replay
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </DataTable>
        {props.nextCursor && (
          <a href={href(`/webhooks/${endpoint.id}?cursor=${encodeURIComponent(props.nextCursor)}`)}>Older deliveries</a>
        )}
      </section>
    </Page>
  );
}

/**
 * `GET /dashboard/webhooks`, the endpoints; `GET …/:id`, one endpoint and a page of its
 * deliveries; `POST …/:id/deliveries/:deliveryId/replay`, a delivery sent again.
 */
export const webhooksRoutes = new Hono<DashboardEnv>()
  .get("/webhooks", async (c) => {
    const list = await c.var.api.GET("/v1/webhooks");
    if (list.data === undefined) return refusalPage(c, refusedBy(list), "Webhooks", "webhooks");
    return c.html(<WebhooksView endpoints={list.data.items} />);
  })
  .get("/webhooks/:id", async (c) => {
    const path = { id: c.req.param("id") };
    const cursor = c.req.query("cursor") || undefined;
    const [endpoint, deliveries] = await Promise.all([
      c.var.api.GET("/v1/webhooks/{id}", { params: { path } }),
      c.var.api.GET("/v1/webhooks/{id}/deliveries", { params: { path, query: { cursor, limit: 50 } } }),
    ]);
    if (endpoint.data === undefined) return refusalPage(c, refusedBy(endpoint), "Webhook", "webhooks");
    if (deliveries.data === undefined) return refusalPage(c, refusedBy(deliveries), "Webhook", "webhooks");
    const { items, nextCursor } = deliveries.data;
    return c.html(
      <WebhookView endpoint={endpoint.data} deliveries={items} nextCursor={nextCursor} message={flash(c)} />,
    );
  })
  .post("/webhooks/:id/deliveries/:deliveryId/replay", async (c) => {
    const path = { id: c.req.param("id"), deliveryId: c.req.param("deliveryId") };
    const answer = await c.var.api.POST("/v1/webhooks/{id}/deliveries/{deliveryId}/replay", { params: { path } });
    if (answer.data === undefined) return refusalPage(c, refusedBy(answer), "Replay", "webhooks");
    return c.redirect(doneHref(`/webhooks/${encodeURIComponent(path.id)}`, "replay"), 303);
  });

import type { WebhookDelivery, WebhookEndpoint } from "@embudo/shared";
import { when } from "../format.ts";
import { DataTable, href, Notice, Page } from "../layout.tsx";

/** The webhook endpoints: where stage changes go. */
export function WebhooksView(props: { endpoints: WebhookEndpoint[] }) {
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
  endpoint: WebhookEndpoint;
  deliveries: WebhookDelivery[];
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

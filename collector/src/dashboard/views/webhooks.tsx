import type { WebhookDelivery, WebhookEndpoint } from "@embudo/shared";
import { when } from "../format.ts";
import { href, Notice, Page } from "../layout.tsx";

/** The webhook endpoints: where stage changes go. */
export function WebhooksView(props: { endpoints: WebhookEndpoint[] }) {
  return (
    <Page title="Webhooks" active="webhooks">
      <section>
        {props.endpoints.length === 0 ? (
          <p class="muted">No endpoint yet: POST /v1/webhooks registers one (its secret is shown once).</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>Endpoint</th>
                  <th>Events</th>
                  <th>Stages</th>
                  <th>State</th>
                  <th>Created</th>
                </tr>
              </thead>
              <tbody>
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
              </tbody>
            </table>
          </div>
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
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Created</th>
                <th>Event</th>
                <th>Status</th>
                <th class="num">Attempts</th>
                <th>Last answer</th>
                <th>Next attempt</th>
                <th>Replay</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
        {props.nextCursor && (
          <a href={href(`/webhooks/${endpoint.id}?cursor=${encodeURIComponent(props.nextCursor)}`)}>Older deliveries</a>
        )}
      </section>
    </Page>
  );
}

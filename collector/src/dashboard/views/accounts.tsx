import { ACCOUNT_STAGES, type Account, type AccountsPage } from "@embudo/shared";
import { points, when } from "../format.ts";
import { DataTable, href, Page, StageBadge, StageHistoryTable, StageSelect } from "../layout.tsx";

/** Accounts newest change first, by stage. */
export function AccountsView(props: { page: AccountsPage; stage?: string }) {
  const { page } = props;
  return (
    <Page title="Accounts" active="accounts">
      <form class="filters" method="get" action={href("/accounts")}>
        <StageSelect stages={ACCOUNT_STAGES} selected={props.stage} every="every stage" />
        <button type="submit">Show</button>
      </form>
      <section>
        {page.items.length === 0 ? (
          <p class="muted">No account matches.</p>
        ) : (
          <DataTable
            columns={[
              "Account",
              "Stage",
              { num: "Engagement" },
              { num: "Fit" },
              { num: "People" },
              { num: "MQL+" },
              "Last seen",
            ]}
          >
            {page.items.map((account) => (
              <tr>
                <td>
                  <a href={href(`/accounts/${encodeURIComponent(account.domain)}`)}>{account.domain}</a>
                  {account.company && <div class="muted">{account.company}</div>}
                </td>
                <td>
                  <StageBadge stage={account.stage} />
                </td>
                <td class="num">{points(account.engagement)}</td>
                <td class="num">{points(account.fit)}</td>
                <td class="num">{account.breadth.people}</td>
                <td class="num">{account.breadth.mql}</td>
                <td>{when(account.lastSeen)}</td>
              </tr>
            ))}
          </DataTable>
        )}
        <p class="muted">An account hears from its people within seconds of their changes.</p>
        {page.nextCursor && (
          <a
            href={href(
              `/accounts?${new URLSearchParams({ ...(props.stage ? { stage: props.stage } : {}), cursor: page.nextCursor })}`,
            )}
          >
            Next page
          </a>
        )}
      </section>
    </Page>
  );
}

/** One account: its people, what each adds, and its stage history. */
export function AccountView(props: { account: Account }) {
  const { account } = props;
  return (
    <Page title={account.company ?? account.domain} active="accounts">
      <section>
        <p>
          <StageBadge stage={account.stage} /> {account.domain} · engagement {points(account.engagement)} · fit{" "}
          {points(account.fit)} · {account.breadth.people} people
        </p>
      </section>
      <section>
        <h2>People</h2>
        <DataTable columns={["Person", "Stage", { num: "Engagement" }, { num: "Fit" }, "Job title"]}>
          {account.people.map((person) => (
            <tr>
              <td>
                <a href={href(`/leads/${person.visitorId}`)}>{person.email}</a>
              </td>
              <td>
                <StageBadge stage={person.stage} />
              </td>
              <td class="num">{points(person.engagement)}</td>
              <td class="num">{points(person.fit)}</td>
              <td>{person.jobTitle ?? ""}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section>
        <h2>Stage history</h2>
        <StageHistoryTable changes={account.stageHistory} />
      </section>
    </Page>
  );
}

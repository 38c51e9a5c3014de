import { href, Notice, Page } from "../layout.tsx";

/**
 * The sign-in page: the API key, typed once and posted in the body, is exchanged for a session
 * cookie. It never appears in a URL, in storage the page can read, or in any page.
 */
export function SignInView(props: { error?: string; next?: string | undefined }) {
  return (
    <Page title="Sign in">
      <section class="sign-in">
        <p class="muted">The collector's API key (EMBUDO_API_KEY) opens the dashboard for the working day.</p>
        {props.error && <Notice tone="error">{props.error}</Notice>}
        <form method="post" action={href("/sign-in")}>
          <label>
            API key
            <input type="password" name="key" autocomplete="current-password" required autofocus />
          </label>
          {props.next && <input type="hidden" name="next" value={props.next} />}
          <button type="submit">Sign in</button>
        </form>
      </section>
    </Page>
  );
}

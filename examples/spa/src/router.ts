import { routeFor } from "./routes.ts";

/**
 * A minimal history router: it renders the current path, and turns clicks on `[data-route]`
 * links into `history.pushState`. Embudo needs nothing from it: the ESM build notices
 * `pushState` and `popstate` by itself and records a view of each new path.
 */
export function startRouter(onRender: (path: string) => void): void {
  const render = () => {
    const route = routeFor(location.pathname);
    // Title and stage change in the same task as pushState: the tracker reads them a moment
    // later, so the view it records carries the new page's title and stage.
    document.title = `${route.title} · Acme Freight app`;
    document.querySelector('meta[name="embudo:stage"]')!.setAttribute("content", route.stage);
    document.getElementById("view")!.innerHTML = route.html;
    onRender(location.pathname);
  };

  document.addEventListener("click", (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>("a[data-route]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    if (link.pathname !== location.pathname) history.pushState(null, "", link.pathname);
    render();
  });
  addEventListener("popstate", render);
  render();
}

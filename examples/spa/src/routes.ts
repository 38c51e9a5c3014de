/** One screen of the app: its title, the funnel stage it serves and its content. */
export interface Route {
  title: string;
  stage: "awareness" | "evaluation" | "decision";
  html: string;
}

/** The app's screens by path. `/pricing` is a pricing page to the tracker by its path alone. */
export const routes: Record<string, Route> = {
  "/": {
    title: "Home",
    stage: "awareness",
    html: `<h1>Plan your next carrier RFP</h1><p>Start with the <a href="/guides/lane-data" data-route>lane data guide</a>.</p>`,
  },
  "/guides/lane-data": {
    title: "Guide: lane data that carriers can price",
    stage: "awareness",
    html: `<h1>Lane data that carriers can price</h1><p>Origin, destination, volume, equipment and accessorials: get these five right and bids become comparable.</p>`,
  },
  "/pricing": {
    title: "Pricing",
    stage: "decision",
    html: `<h1>Pricing</h1><p>Team plan: $490 / month.</p><button id="start-trial" type="button">Start a free trial</button><p id="trial-status" role="status"></p>`,
  },
};

/** The route for a path; unknown paths show the home screen. */
export const routeFor = (path: string): Route => routes[path] ?? routes["/"]!;

/**
 * The single-page app's entry: Embudo through its ESM build. `init()` records the first view;
 * later navigations are recorded automatically; `track()` sends a custom event.
 */
import { init, track, visitorId } from "@embudo/sdk";
import { startRouter } from "./router.ts";

// The router renders first, so that the first view carries the screen's title and stage.
startRouter((path) => {
  if (path !== "/pricing") return;
  document.getElementById("start-trial")!.addEventListener("click", () => {
    // `free_trial` is a hand-raise in the default scoring model (30 points, decision stage).
    track("free_trial", { plan: "team" });
    document.getElementById("trial-status")!.textContent = "Your trial is ready. Check your inbox.";
  });
});

init({ site: "demo", api: __EMBUDO_COLLECTOR__ });
document.getElementById("visitor-id")!.textContent = visitorId() ?? "";

import { downloads } from "./config.ts";
import { emit } from "./events.ts";
import { keptUrl, pageStage, validStage } from "./page.ts";

/**
 * Records a `download` when a link to a listed extension, or with a `download` attribute, is
 * clicked (middle clicks too). It never prevents or delays the navigation: the event waits in
 * the queue, which is flushed when the page hides. A link's `data-embudo-stage` overrides the
 * page's stage, since a decision-stage price sheet can be linked from an awareness post.
 */
export const trackDownloads = (): void => {
  const onClick = (event: MouseEvent) => {
    const link = (event.target as Element).closest?.("a[href]") as HTMLAnchorElement | null;
    if (
      link &&
      // auxclick also fires for the right button, which opens a menu rather than the file.
      event.button < 2 &&
      (link.hasAttribute("download") || downloads.includes(link.pathname.split(".").pop()!.toLowerCase()))
    )
      emit("download", {
        href: keptUrl(link),
        stage: validStage(link.getAttribute("data-embudo-stage")) || pageStage(),
      });
  };
  // Capture phase: a page's own click handler cannot hide the click with stopPropagation().
  addEventListener("click", onClick, true);
  addEventListener("auxclick", onClick, true);
};

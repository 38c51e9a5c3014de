// The demo site's own behaviour (not Embudo's): forms are "sent" to a marketing tool, so the
// page shows a thank-you note instead of navigating, and a badge shows each page's stage.
//
// Embudo needs none of this. Its tracker listens to `submit` in the capture phase, so it records
// the form (with its traits) before this handler cancels the navigation.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.thanks) return;
  event.preventDefault();
  const note = document.createElement("p");
  note.className = "thanks";
  note.setAttribute("role", "status");
  note.textContent = form.dataset.thanks;
  form.replaceWith(note);
});

const stage = document.querySelector('meta[name="embudo:stage"]')?.content;
const badge = document.querySelector("[data-stage-badge]");
if (stage && badge) badge.textContent = `${stage} stage`;

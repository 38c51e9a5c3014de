/**
 * The page every tracker is measured on: a B2B blog article of about 30 KB, as a site owner
 * would add a tracker to. It has a stage tag, navigation, downloads and a demo form, so a tracker
 * that watches links and forms finds work to set up, and no script but the tracker's tag.
 */

const WORDS = (
  "buyers compare vendors long before they talk to sales so the content they read says where they are " +
  "a guide read early is curiosity a pricing page read twice in a week is a plan and a demo request is a decision " +
  "marketing teams score those signals to hand sales the accounts that are ready and to keep nurturing the rest"
).split(" ");

/** One paragraph of about 75 words; `seed` varies the wording. */
const paragraph = (seed: number) =>
  `<p>${Array.from({ length: 75 }, (_, word) => WORDS[(seed * 13 + word * 5) % WORDS.length]).join(" ")}.</p>`;

/** The article, with `trackerTag` (one script element, or none) in its head. */
export function article(trackerTag: string): string {
  const sections = Array.from(
    { length: 60 },
    (_, index) => (index % 10 === 0 ? `<h2>Part ${index / 10 + 1}</h2>\n` : "") + paragraph(index),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reading buying intent from content: a field guide</title>
<meta name="embudo:stage" content="awareness">
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}</style>
${trackerTag}
</head>
<body>
<header><nav><a href="/">Home</a> · <a href="/blog/">Blog</a> · <a href="/pricing">Pricing</a> · <a href="/contact">Contact</a></nav></header>
<main><article>
<h1>Reading buying intent from content: a field guide</h1>
${sections.join("\n")}
<p>Get <a href="/files/intent-scoring-guide.pdf">the scoring guide (PDF)</a> or read <a href="/blog/mql-or-sql">MQL or SQL?</a></p>
<form id="demo" action="/thanks" method="post" data-embudo-intent="demo">
<h2>See it on your own funnel</h2>
<label>Work email <input type="email" name="email" autocomplete="email" required></label>
<label>Company <input name="company" autocomplete="organization"></label>
<button type="submit">Book a demo</button>
</form>
</article></main>
<footer><a href="/privacy">Privacy</a> · <a href="/files/terms.pdf">Terms (PDF)</a></footer>
</body>
</html>`;
}

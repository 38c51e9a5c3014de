/**
 * The demo site's shared header and footer. Pages hold `<!-- site:header -->` and
 * `<!-- site:footer -->` where they go, so the navigation lives in one place while each page
 * keeps, in plain view, the Embudo integration a site owner would paste into its own pages.
 */
const header = `  <header class="top">
    <a class="brand" href="/">Acme Freight</a>
    <nav>
      <a href="/blog/">Blog</a>
      <a href="/case-studies/globex/">Customers</a>
      <a href="/compare/acme-vs-spreadsheets/">Compare</a>
      <a href="/whitepapers/freight-procurement-playbook/">Playbook</a>
      <a href="/tools/roi-calculator/">ROI calculator</a>
      <a href="/pricing/">Pricing</a>
      <a href="/careers/">Careers</a>
      <a class="cta" href="/demo/">Book a demo</a>
    </nav>
  </header>`;

const footer = `  <footer>Acme Freight is a fictional company: this is Embudo's demo site. Every page names its funnel stage in <code>&lt;meta name="embudo:stage"&gt;</code>.</footer>`;

/**
 * A vite plugin that puts the shared header and footer into every page, in dev and in builds.
 *
 * @returns {import("vite").Plugin}
 */
export function siteChrome() {
  return {
    name: "embudo-demo-site-chrome",
    transformIndexHtml: {
      order: "pre",
      handler: (html) =>
        html.replace("<!-- site:header -->", header.trim()).replace("<!-- site:footer -->", footer.trim()),
    },
  };
}

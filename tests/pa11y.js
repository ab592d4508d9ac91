// pa11y on many pages in one process and one shared headless Chromium (tests/browser.py runs it).
// Usage: node tests/pa11y.js NODE_MODULES CHROMIUM < jobs.json, where jobs.json is a list of
// {"url": ..., "width": ..., "height": ..., "media": "screen" | "print", "runners": [...]}; prints a JSON list of
// {"url", "width", "media", "seconds", "issues": [{type, code, message, selector, runner}]} on stdout.
// pa11y's own puppeteer is installed without a browser (PUPPETEER_SKIP_DOWNLOAD=1): it drives the system one.
"use strict";
const path = require("path");
const [nodeModules, executablePath] = process.argv.slice(2);
const pa11y = require(path.join(nodeModules, "pa11y"));
const puppeteer = require(path.join(nodeModules, "puppeteer"));

const chromeLaunchConfig = {
  executablePath,
  args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
};

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const jobs = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const browser = await puppeteer.launch(chromeLaunchConfig);
  const results = [];
  try {
    for (const job of jobs) {
      const started = Date.now();
      const page = await browser.newPage();
      await page.emulateMediaType(job.media || "screen");
      const result = await pa11y(job.url, {
        browser, page, chromeLaunchConfig,
        standard: "WCAG2AA",
        runners: job.runners || ["htmlcs"],  // axe runs on its own in the axe tests; here it would add minutes
        viewport: { width: job.width, height: job.height || 900 },
        includeNotices: false,
        includeWarnings: false,
        timeout: 120000,
      });
      await page.close();
      results.push({
        url: job.url, width: job.width, media: job.media || "screen", seconds: (Date.now() - started) / 1000,
        // axe's "incomplete" results (it could not decide, e.g. text over an SVG) come with needsFurtherReview.
        issues: result.issues.map(({ type, code, message, selector, runner, runnerExtras }) => ({
          type, code, message, selector, runner, review: Boolean(runnerExtras && runnerExtras.needsFurtherReview),
        })),
      });
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(1);
});

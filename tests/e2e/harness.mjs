// Shared set-up for the end-to-end tests: one static server for dist/, one headless Debian
// Chromium, a fresh browser context per test, console errors collected and failed on, and
// screenshots written to tests/screenshots/ for a person to look at.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(ROOT, 'tests/screenshots');

export async function setUp() {
  const server = await startServer(process.env.DIST_DIR ?? path.join(ROOT, 'dist'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run'],
  });
  const base = `http://127.0.0.1:${server.address().port}`;
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    base,
    browser,
    /** A new page in a fresh context; every console error or page error is recorded.
     *  The service worker (sw.js) is blocked unless `serviceWorkers: 'allow'` is given: the
     *  other tests are of a first visit, and Playwright's request interception does not see
     *  what a service worker answers (tests/e2e/offline.test.mjs tests it). */
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', ...options });
      const page = await context.newPage();
      page.errors = [];
      // A refused `/api/health` is the answer "no server here" (local mode, R-API-7): the
      // browser logs it, the app is as it should be.
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        if (m.text().startsWith('Failed to load resource') && (m.location().url ?? '').endsWith('/api/health')) return;
        page.errors.push(m.text());
      });
      page.on('pageerror', (e) => page.errors.push(String(e)));
      return page;
    },
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    async tearDown() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** What the native engine answers for a plan request (crates/core/examples/plan.rs). */
export function enginePlan(request) {
  return JSON.parse(execFileSync(example('plan'), [JSON.stringify(request)], { encoding: 'utf8' }));
}

/** A large workspace document from the engine (crates/core/examples/large_workspace.rs). */
export function largeWorkspace(users, benefits, today = '2026-11-20') {
  return execFileSync(example('large_workspace'), [String(users), String(benefits), today], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** An engine example built by scripts/test.sh (`cargo build --examples`, debug). */
function example(name) {
  const target = process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(ROOT, 'target');
  return path.join(target, 'debug/examples', name);
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The WCAG 2.0 / 2.1 A and AA violations axe-core finds in the page, one line each: rule,
 *  impact, where. */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      where: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary.split('\n').slice(1, 2).join('')}`),
      count: v.nodes.length,
    }));
  });
  return result.map((v) => `${v.rule} (${v.impact}, ${v.count}×): ${v.help}\n    ${v.where.join('\n    ')}`);
}

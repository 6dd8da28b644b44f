// Accessibility of every page, checked by axe-core (npm, pinned in scripts/versions.env)
// running in the page: the WCAG 2.0 / 2.1 level A and AA rules — names of inputs and
// buttons, contrast, landmarks, lang, ARIA. English and French, desktop and 360 px, on the
// demo workspace of 2026-11-20 as Gloria (Global admin), plus the access gate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, axeViolations as violations } from './harness.mjs';

const PAGES = [
  '/benefits',
  '/benefits/software',
  '/benefits/azure-cloud',
  '/benefits/visual-studio',
  '/benefits/technical',
  '/benefits/go-to-market',
  '/account/users',
  '/activity',
  '/plan?seats=100&end=2027-01-31&key=25&today=2026-11-20',
  '/plan/bulk',
  '/redeem',
  '/calendar',
  '/settings',
  '/no-such-page',
];

let h;
before(async () => { h = await setUp(); });
after(async () => { await h.tearDown(); });

async function open(path, { lang, user, viewport } = {}) {
  const page = await h.newPage(viewport ? { viewport } : {});
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00Z'));
  if (lang) await page.addInitScript((l) => localStorage.setItem('partner-benefits:language', l), lang);
  if (user) await page.addInitScript((u) => localStorage.setItem('partner-benefits:acting-user', u), user);
  await page.goto(h.base + path);
  await page.locator('h1').first().waitFor();
  return page;
}

/** Opens every closed <details> and every "Show details" button, so hidden forms are checked too. */
async function openEverything(page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const toggles = page.getByRole('button', { name: /^(Show details|Afficher les détails)$/ });
  for (let i = await toggles.count(); i > 0; i--) await toggles.first().click();
}

for (const lang of ['en', 'fr']) {
  test(`every page meets WCAG 2.1 A/AA as axe checks it, in ${lang === 'en' ? 'English' : 'French'}`, async () => {
    const found = [];
    for (const path of PAGES) {
      const page = await open(path, { lang });
      await openEverything(page);
      for (const line of await violations(page)) found.push(`${path}: ${line}`);
      assert.deepEqual(page.errors, [], path);
      await page.context().close();
    }
    assert.deepEqual(found, [], `\n${found.join('\n')}`);
  });
}

test('at 360 px wide (where tables scroll), and the access gate, meet WCAG 2.1 A/AA too', async () => {
  const found = [];
  const phone = { viewport: { width: 360, height: 800 } };
  for (const [path, options] of [
    ...PAGES.map((p) => [p, phone]),
    ['/benefits', { user: 'user-5' }], // Nora has no role: the gate
  ]) {
    const page = await open(path, options);
    await openEverything(page);
    for (const line of await violations(page)) found.push(`${path} ${JSON.stringify(options)}: ${line}`);
    await page.context().close();
  }
  assert.deepEqual(found, [], `\n${found.join('\n')}`);
});

// The key planner (/plan): a shared link opens with its values, both outcomes come from the
// engine, editing updates the link, and bad input is refused in plain words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, enginePlan } from './harness.mjs';

let h;
before(async () => { h = await setUp(); });
after(async () => { await h.tearDown(); });

const LINK = '/plan?seats=100&end=2027-01-31&key=25&today=2026-11-20';

test('a shared planner link shows both outcomes computed by the engine', async () => {
  const page = await h.newPage();
  await page.goto(h.base + LINK);
  const extend = page.locator('[data-outcome="extend_end_date"]');
  const add = page.locator('[data-outcome="add_licenses"]');
  await assert.doesNotReject(extend.locator('time[data-field="new-end-date"]').waitFor());
  assert.equal(await extend.locator('time[data-field="new-end-date"]').getAttribute('datetime'), '2027-04-30');

  const expected = enginePlan({ action: 'add_licenses', active_seats: 100, end_date: '2027-01-31', key_seats: 25, today: '2026-11-20' });
  assert.equal(expected.end_date, '2027-03-29');
  assert.equal(await add.locator('time[data-field="new-end-date"]').getAttribute('datetime'), expected.end_date);
  assert.match(await add.innerText(), /125/);
  // Under 12 months left: the short-term warning is inside the add outcome.
  assert.match(await add.innerText(), /less than the key's 12 months/);
  await h.screenshot(page, 'plan-desktop');
  assert.deepEqual(page.errors, []);
});

test('the inputs are labelled and editing them updates the shareable link', async () => {
  const page = await h.newPage();
  await page.goto(h.base + LINK);
  await page.getByLabel('Key licenses').fill('400');
  await page.waitForURL(/key=400/);
  const extend = page.locator('[data-outcome="extend_end_date"]');
  // 400 > 3 × 100: over the 3-year limit, refused in plain words, no new end date.
  await assert.doesNotReject(extend.getByText(/3-year/).first().waitFor());
  assert.equal(await extend.locator('time[data-field="new-end-date"]').count(), 0);
  const expected = enginePlan({ action: 'add_licenses', active_seats: 100, end_date: '2027-01-31', key_seats: 400, today: '2026-11-20' });
  assert.equal(await page.locator('[data-outcome="add_licenses"] time[data-field="new-end-date"]').getAttribute('datetime'), expected.end_date);
  for (const label of ['Active licenses', 'Current end date', 'Redemption date']) {
    assert.equal(await page.getByLabel(label).count(), 1, label);
  }
  assert.deepEqual(page.errors, []);
});

test('bad input is refused in plain words and nothing breaks', async () => {
  const page = await h.newPage();
  await page.goto(h.base + '/plan?seats=-5&end=2027-01-31&key=abc&today=2026-11-20');
  const extend = page.locator('[data-outcome="extend_end_date"]');
  await assert.doesNotReject(extend.waitFor());
  assert.equal(await page.locator('time[data-field="new-end-date"]').count(), 0);
  assert.match(await page.locator('main').innerText(), /whole number/i);
  await page.getByLabel('Active licenses').fill('100');
  await page.getByLabel('Key licenses').fill('25');
  await assert.doesNotReject(extend.locator('time[data-field="new-end-date"][datetime="2027-04-30"]').waitFor());
  assert.deepEqual(page.errors, []);
});

test('the planner is readable on a 360 px wide screen', async () => {
  const page = await h.newPage({ viewport: { width: 360, height: 800 } });
  await page.goto(h.base + LINK);
  await page.locator('[data-outcome="add_licenses"] time').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await h.screenshot(page, 'plan-mobile');
});

// The bulk key planner (/plan/bulk, R-PLAN-2) on the demo workspace of 2026-11-20: every goal
// gives lines the engine accepts, each opening the wizard pre-filled; a CSV file (the sample,
// or one with a bad row) is read row by row; the plan exports as CSV; French; and the time
// the planner takes in Chromium on 1,000 keys × 500 subscriptions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUp, enginePlan } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.join(ROOT, 'public/bulk-sample.csv');
const TODAY = '2026-11-20';
// The demo's unredeemed keys by their licenses (crates/core/src/demo.rs).
const KEYS = {
  25: 'QK7TW-M4R8C-XYBD2-H96PJ-FG3VT',
  100: '7JXRD-3WQ9M-B2HKT-P8CYF-6VG4D',
  400: 'TC2W9-HD7QB-K4XMF-RJ63P-Y8VGB',
  10: 'MW8Q3-TJXKD-9RBHY-C6VP2-G7F4K',
};
const GOALS = [
  ['align_end_dates', 'Align all end dates to one date'],
  ['maximise_months', 'Maximise the months covered'],
  ['keep_twelve_months', 'Keep every subscription at 12 months or more'],
];

let h;
before(async () => { h = await setUp(); });
after(async () => { await h.tearDown(); });

async function open(options = {}, init) {
  const page = await h.newPage(options);
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00Z`));
  if (init) await page.addInitScript(init);
  await page.goto(h.base + '/plan/bulk');
  await page.locator('main h1').waitFor();
  return page;
}

/** A full-page screenshot from the top (the sticky header stays at the top of the picture). */
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await h.screenshot(page, name);
}

const result = (page) => page.locator('section.bulk-result');

/** Picks a goal by its label and waits for its plan. */
async function pickGoal(page, code, label) {
  await page.getByLabel(label, { exact: true }).check();
  await result(page).and(page.locator(`[data-plan="ready"][data-goal="${code}"]`)).waitFor();
}

/** The plan's lines as the page marks them. */
async function lines(page) {
  return page.locator('tbody.bulk-line').evaluateAll((rows) => rows.map((r) => ({
    step: Number(r.dataset.step),
    action: r.dataset.action,
    subscription: r.dataset.subscription,
    keySeats: Number(r.dataset.keySeats),
    seatsBefore: r.dataset.seatsBefore === '' ? null : Number(r.dataset.seatsBefore),
    seatsAfter: Number(r.dataset.seatsAfter),
    endBefore: r.dataset.endBefore || null,
    endAfter: r.dataset.endAfter,
    key: r.querySelector('.bulk-key').textContent,
    href: r.querySelector('a.bulk-wizard-link')?.getAttribute('href') ?? null,
    why: r.querySelector('.bulk-why').textContent,
  })));
}

/** The native engine's answer for one line, from the state the line starts from. */
function engineAnswer(line) {
  const existing = line.action !== 'activate_new';
  return enginePlan({
    action: line.action,
    ...(existing ? { active_seats: line.seatsBefore, end_date: line.endBefore } : {}),
    key_seats: line.keySeats,
    today: TODAY,
  });
}

test('from the workspace, every goal gives lines the engine accepts, each opening the wizard pre-filled', async () => {
  const page = await open();
  // The pool: the demo's four unredeemed keys (masked) and two subscriptions.
  const summary = page.locator('.bulk-pool summary');
  assert.equal(await summary.getAttribute('data-keys'), '4');
  assert.equal(await summary.getAttribute('data-subscriptions'), '2');
  const poolKeys = await page.locator('.bulk-pool-keys tbody td.key-text').allInnerTexts();
  assert.deepEqual(poolKeys, ['•••••-•••••-•••••-•••••-FG3VT', '•••••-•••••-•••••-•••••-6VG4D',
    '•••••-•••••-•••••-•••••-Y8VGB', '•••••-•••••-•••••-•••••-G7F4K']);
  assert.match(await page.locator('.bulk-pool-subscriptions').innerText(), /sub-1\tMicrosoft 365 Business Premium\t100\t20 January 2027\t2 months/);
  assert.match(await page.locator('.bulk-pool-subscriptions').innerText(), /sub-2\tPower BI Pro\t10\t31 October 2026\tEnded/);
  // The defaults: align, redemption date today.
  assert.equal(await page.getByLabel('Align all end dates to one date', { exact: true }).isChecked(), true);
  assert.equal(await page.getByLabel('Redemption date').inputValue(), TODAY);
  for (const [code, label] of GOALS) {
    await pickGoal(page, code, label);
    const plan = await lines(page);
    assert.ok(plan.length > 0, `${code}: no line`);
    assert.deepEqual(plan.map((l) => l.step), plan.map((_, i) => i + 1));
    for (const line of plan) {
      // R-PRO-5: never an extend with more than three times the active licenses.
      if (line.action === 'extend_end_date') assert.ok(line.keySeats <= 3 * line.seatsBefore, `${code}: ${JSON.stringify(line)}`);
      // The engine itself accepts the line and gives the figures shown.
      const answer = engineAnswer(line);
      assert.equal(answer.error, undefined, `${code}: refused ${JSON.stringify(answer)}`);
      assert.equal(answer.end_date, line.endAfter, code);
      assert.equal(answer.seats, line.seatsAfter, code);
      // The wizard link carries the subscription, the full key and the action; the page
      // shows the key masked.
      const full = KEYS[line.keySeats];
      assert.equal(line.href, `/redeem?subscription=${line.subscription}&key=${full}&action=${line.action}`);
      assert.equal(line.key, `•••••-•••••-•••••-•••••-${full.slice(-5)}`);
      assert.ok(line.why.length > 20, 'each line says why');
    }
    // The 400-license key never extends the 100-license subscription (K > 3A).
    assert.ok(!plan.some((l) => l.keySeats === 400 && l.action === 'extend_end_date' && l.seatsBefore === 100));
    // The Power BI subscription ended: left out, and its key unused, with the reason.
    assert.match(await page.locator('.bulk-skipped li[data-subscription="sub-2"]').innerText(), /Ended/);
    assert.equal(await page.locator('.bulk-unused tr[data-reason="no_subscription"]').count(), 1);
    const score = Number(await page.locator('.bulk-summary').getAttribute('data-score'));
    assert.ok(score >= 0 && score <= 100);
  }
  // Keep 12 months: one key is enough, the 100-license one extends sub-1 by 12 months.
  const keep = await lines(page);
  assert.deepEqual(keep.map((l) => [l.keySeats, l.action, l.endAfter]), [[100, 'extend_end_date', '2028-01-20']]);
  assert.equal(await page.locator('.bulk-unused tr[data-reason="not_needed"]').count(), 2);
  assert.match(await page.locator('.bulk-summary').innerText(), /1 of 1 subscription has 12 months or more left/);
  await shot(page, 'bulk-workspace-desktop');

  // The first line opens the wizard with the subscription and action chosen.
  await page.locator('a.bulk-wizard-link').first().click();
  await page.waitForURL(/\/redeem\?subscription=sub-1&key=7JXRD-3WQ9M-B2HKT-P8CYF-6VG4D&action=extend_end_date$/);
  await page.getByLabel('Subscription', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('Subscription', { exact: true }).inputValue(), 'sub-1');
  assert.equal(await page.getByLabel('Extend the end date').isChecked(), true);
  // Back on the planner, the goal picked is still there.
  await page.goBack();
  await result(page).and(page.locator('[data-goal="keep_twelve_months"]')).waitFor();
  assert.deepEqual(page.errors, []);
});

test('reactivating expired subscriptions plans "activate a new subscription" for the Power BI one', async () => {
  const page = await open();
  await pickGoal(page, 'keep_twelve_months', 'Keep every subscription at 12 months or more');
  await page.getByLabel('Reactivate expired subscriptions').check();
  const row = page.locator('tbody.bulk-line[data-subscription="sub-2"]');
  await row.waitFor();
  assert.equal(await row.getAttribute('data-action'), 'activate_new');
  assert.equal(await row.getAttribute('data-end-after'), '2027-11-20');
  assert.equal(await row.locator('a.bulk-wizard-link').getAttribute('href'),
    `/redeem?subscription=sub-2&key=${KEYS[10]}&action=activate_new`);
  assert.equal(await page.locator('.bulk-skipped').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('an align target date is used and said; a later redemption date is planned and flagged', async () => {
  const page = await open();
  await page.getByLabel('Target date').fill('2028-01-20');
  await result(page).and(page.locator('[data-plan="ready"]')).waitFor();
  await page.locator('.bulk-summary time[datetime="2028-01-20"]').waitFor();
  assert.doesNotMatch(await page.locator('.bulk-summary').innerText(), /suggested by the planner/);
  const plan = await lines(page);
  assert.ok(plan.length > 0);
  // The last line on sub-1 lands on the target (the demo's 100-license key extends 12 months).
  assert.equal(plan.at(-1).endAfter, '2028-01-20');
  await page.getByLabel('Redemption date').fill('2026-12-01');
  await page.locator('.bulk-result .notice', { hasText: 'another day than today' }).waitFor();
  assert.deepEqual(page.errors, []);
});

test('the sample CSV file gives a plan, with no wizard link (its subscriptions are not the workspace\'s)', async () => {
  const page = await open();
  await page.getByLabel('From a CSV file').check();
  await result(page).and(page.locator('[data-plan="waiting"]')).waitFor();
  assert.match(await page.locator('#bulk-csv-columns').innerText(), /kind.*id.*product.*seats.*end_date/s);
  assert.equal(await page.getByRole('link', { name: 'Download the sample file (CSV)' }).getAttribute('href'), '/bulk-sample.csv');
  const sample = await page.request.get(h.base + '/bulk-sample.csv');
  assert.equal(sample.status(), 200);
  assert.equal(await sample.text(), readFileSync(SAMPLE, 'utf8'));

  await page.getByLabel('CSV file of keys and subscriptions').setInputFiles(SAMPLE);
  await result(page).and(page.locator('[data-plan="ready"]')).waitFor();
  assert.match(await page.locator('.bulk-csv-read').innerText(), /“bulk-sample\.csv”: 10 keys and 8 subscriptions read/);
  assert.equal(await page.locator('.bulk-csv-errors').count(), 0);
  assert.equal(await page.locator('.bulk-pool summary').getAttribute('data-keys'), '10');
  const plan = await lines(page);
  assert.ok(plan.length > 0);
  for (const line of plan) {
    assert.equal(line.href, null);
    assert.ok(!line.key.includes('•'), 'CSV keys are shown as given');
    const answer = engineAnswer(line);
    assert.equal(answer.error, undefined, JSON.stringify(answer));
    assert.equal(answer.end_date, line.endAfter);
  }
  assert.match(await page.locator('tbody.bulk-line').first().innerText(), /not a workspace subscription/i);
  // "Field service pilot" ended on 2026-10-31: left out.
  await page.locator('.bulk-skipped li[data-subscription="Field service pilot"]').waitFor();
  await shot(page, 'bulk-sample-desktop');
  assert.deepEqual(page.errors, []);
});

test('a CSV file with bad rows reports them by line number and plans the good ones', async () => {
  const page = await open();
  await page.getByLabel('From a CSV file').check();
  const csv = [
    'kind,id,product,seats,end_date',
    'subscription,HQ,Microsoft 365 Business Premium,100,2027-01-31',
    'subscription,Branch,Microsoft 365 Business Premium,ten,2027-05-20',
    'key,K-25,Microsoft 365 Business Premium,25,',
    'licence,K-9,Microsoft 365 Business Premium,9,',
    'key,K-100,Microsoft 365 Business Premium,100,',
  ].join('\n');
  await page.getByLabel('CSV file of keys and subscriptions').setInputFiles({ name: 'with-errors.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const errors = page.locator('.bulk-csv-errors');
  await errors.waitFor();
  assert.match(await errors.innerText(), /2 rows could not be read and were left out; the other rows are used/);
  assert.match(await errors.locator('li[data-line="3"]').innerText(), /^Line 3: .*seats/i);
  assert.match(await errors.locator('li[data-line="5"]').innerText(), /^Line 5: .*kind/i);
  assert.equal(await page.locator('.bulk-pool summary').getAttribute('data-keys'), '2');
  assert.equal(await page.locator('.bulk-pool summary').getAttribute('data-subscriptions'), '1');
  await result(page).and(page.locator('[data-plan="ready"]')).waitFor();
  const plan = await lines(page);
  assert.ok(plan.length > 0);
  assert.ok(plan.every((l) => l.subscription === 'HQ' && ['K-25', 'K-100'].includes(l.key)));
  await shot(page, 'bulk-csv-errors-desktop');
  assert.deepEqual(page.errors, []);
});

test('the plan exports as CSV: a header, then a row per recommendation and per unused key', async () => {
  const page = await open({ acceptDownloads: true });
  await pickGoal(page, 'align_end_dates', 'Align all end dates to one date');
  const shown = await lines(page);
  const unusedShown = await page.locator('.bulk-unused tbody tr').count();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the plan (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `bulk-key-plan-align_end_dates-${TODAY}.csv`);
  const text = readFileSync(await download.path(), 'utf8');
  const rows = text.replace(/^\ufeff/, '').split('\r\n').filter((r) => r !== '');
  assert.match(rows[0], /^step,key_id,key_seats,product,action,subscription_id,/);
  const planned = rows.slice(1).filter((r) => /^\d+,/.test(r));
  const unused = rows.slice(1).filter((r) => r.split(',')[4] === 'unused');
  assert.equal(planned.length, shown.length);
  assert.equal(unused.length, unusedShown);
  assert.equal(rows.length, 1 + shown.length + unusedShown);
  planned.forEach((r, i) => {
    const cells = r.split(',');
    assert.equal(Number(cells[0]), shown[i].step);
    assert.equal(cells[4], shown[i].action);
    assert.equal(cells[5], shown[i].subscription);
    assert.equal(cells[9], shown[i].endAfter);
  });
  // Workspace keys stay masked in the file.
  for (const key of Object.values(KEYS)) assert.ok(!text.includes(key), key);
  assert.match(text, /•••••-•••••-•••••-•••••-6VG4D/);
  assert.deepEqual(page.errors, []);
});

test('in French, the labels and the plan are in French; the engine\'s sentences are marked English', async () => {
  const page = await open({}, () => localStorage.setItem('partner-benefits:language', 'fr'));
  assert.equal(await page.locator('main h1').innerText(), 'Planificateur de clés en lot');
  for (const label of ['Depuis cet espace de travail', 'Depuis un fichier CSV', 'Aligner toutes les dates de fin sur une même date',
    'Maximiser les mois couverts', 'Garder au moins 12 mois sur chaque abonnement', 'Date cible', "Date d'échange",
    'Réactiver les abonnements expirés']) {
    assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
  }
  await result(page).and(page.locator('[data-plan="ready"]')).waitFor();
  await page.getByRole('button', { name: 'Exporter le plan (CSV)' }).waitFor();
  const first = page.locator('tbody.bulk-line').first();
  assert.match(await first.innerText(), /Ajouter des licences|Prolonger la date de fin/);
  await first.getByRole('link', { name: /Ouvrir dans l'assistant/ }).waitFor();
  assert.equal(await first.locator('.bulk-why [lang="en"]').count(), 1);
  assert.match(await page.locator('.bulk-summary').innerText(), /Score de l'objectif/i);
  await page.getByLabel('Depuis un fichier CSV').check();
  assert.match(await page.locator('#bulk-csv-columns').innerText(), /Télécharger le fichier d'exemple/);
  await page.getByLabel('Fichier CSV de clés et d\'abonnements').setInputFiles({
    name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('kind,id,product,seats,end_date\nkey,A,P,0,\nkey,B,P,5,\nsubscription,S,P,5,2027-06-30\n'),
  });
  await page.locator('.bulk-csv-errors li[data-line="2"]', { hasText: /^Ligne 2 :/ }).waitFor();
  await shot(page, 'bulk-french-desktop');
  assert.deepEqual(page.errors, []);
});

test('at 360 px the page reads without sideways scrolling', async () => {
  const page = await open({ viewport: { width: 360, height: 800 } });
  await result(page).and(page.locator('[data-plan="ready"]')).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
  await page.getByRole('link', { name: /Open in the wizard/ }).first().waitFor();
  await shot(page, 'bulk-workspace-mobile');
  await page.getByLabel('From a CSV file').check();
  await page.getByLabel('CSV file of keys and subscriptions').setInputFiles(SAMPLE);
  await result(page).and(page.locator('[data-plan="ready"]')).waitFor();
  const overflowCsv = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflowCsv <= 0, `the CSV plan scrolls sideways by ${overflowCsv} px`);
  await shot(page, 'bulk-sample-mobile');
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------- the benchmark of R-PLAN-2

/** The instance of crates/core/benches/bulk.rs (same generator, same seed): three products,
 *  keys of 1 to 100 licenses, subscriptions of 1 to 300 ending within two years. */
function bigCsv(keys, subs) {
  let state = 42n;
  const mask = (1n << 64n) - 1n;
  const next = (n) => {
    state = (state * 6364136223846793005n + 1442695040888963407n) & mask;
    return Number((state >> 33n) % BigInt(n));
  };
  const products = ['Microsoft 365 Business Premium', 'Power BI Pro', 'Dynamics 365 Sales Enterprise'];
  const product = () => products[[0, 0, 0, 0, 0, 1, 1, 1, 2, 2][next(10)]];
  const keySizes = [1, 5, 5, 10, 10, 10, 25, 25, 50, 100];
  const subSizes = [1, 3, 5, 10, 10, 15, 25, 40, 100, 300];
  const rows = ['kind,id,product,seats,end_date'];
  for (let i = 0; i < keys; i++) {
    const p = product();
    rows.push(`key,K${String(i).padStart(4, '0')},${p},${keySizes[next(10)]},`);
  }
  const day0 = Date.UTC(2026, 10, 20);
  for (let i = 0; i < subs; i++) {
    const p = product();
    const seats = subSizes[next(10)];
    const end = new Date(day0 + (1 + next(730)) * 86_400_000).toISOString().slice(0, 10);
    rows.push(`subscription,S${String(i).padStart(3, '0')},${p},${seats},${end}`);
  }
  return rows.join('\n') + '\n';
}

test('benchmark: 1,000 keys × 500 subscriptions planned in the browser', async () => {
  const page = await open();
  await page.getByLabel('From a CSV file').check();
  const csv = bigCsv(1000, 500);
  // The first plan (align, the default goal) is drawn from the upload; the others from a click.
  let since = Date.now();
  let cause = 'the upload';
  await page.getByLabel('CSV file of keys and subscriptions').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const summary = page.locator('.bulk-pool summary[data-keys="1000"][data-subscriptions="500"]');
  await summary.waitFor({ timeout: 60_000 });
  for (const [code, label] of GOALS) {
    if (!(await page.getByLabel(label, { exact: true }).isChecked())) {
      since = Date.now();
      cause = 'the click';
      await page.getByLabel(label, { exact: true }).check();
    }
    const ready = result(page).and(page.locator(`[data-plan="ready"][data-goal="${code}"]`));
    await ready.waitFor({ timeout: 120_000 });
    const shownAfter = Date.now() - since;
    // data-plan-ms: the page's own measure (performance.now) around the one call to
    // bulk::plan_bulk, in WebAssembly.
    const ms = Number(await ready.getAttribute('data-plan-ms'));
    const lineCount = Number(await ready.getAttribute('data-lines'));
    assert.ok(lineCount > 0, `${code}: a plan`);
    assert.equal(await page.locator('tbody.bulk-line').count(), lineCount);
    assert.ok(Number.isFinite(ms) && ms > 0, `${code}: measured`);
    console.log(`bulk planner in Chromium: ${Math.round(ms)} ms for 1000 keys x 500 subscriptions (goal ${code}, ${lineCount} lines; page drawn ${shownAfter} ms after ${cause})`);
    // R-PLAN-2's budget, met with a wide margin by the release build this suite runs
    // against (130–230 ms for the slowest goal on the loaded 2-core machine); a debug build
    // can take over a second.
    assert.ok(ms < 1000, `${code}: ${ms} ms, over the 1 s budget (is dist a release build?)`);
  }
  assert.deepEqual(page.errors, []);
});

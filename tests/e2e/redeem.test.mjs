// The key-redemption wizard (/redeem, R-KEY-4) on the demo workspace of 2026-11-20, acting
// as Gloria (Global admin) unless a test says otherwise. Expected dates come from the native
// engine (harness enginePlan), never from the test's own arithmetic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, enginePlan } from './harness.mjs';

let h;
before(async () => { h = await setUp(); });
after(async () => { await h.tearDown(); });

const TODAY = '2026-11-20';
const KEY_25 = 'QK7TW-M4R8C-XYBD2-H96PJ-FG3VT';
const KEY_400 = 'TC2W9-HD7QB-K4XMF-RJ63P-Y8VGB';
const POWER_BI_KEY = 'MW8Q3-TJXKD-9RBHY-C6VP2-G7F4K';
// The demo's Microsoft 365 subscription: 100 seats ending today + 2 calendar months.
const M365 = { id: 'sub-1', seats: 100, end: '2027-01-20' };

/** A fresh page on the demo of 2026-11-20, as `user` (and in `lang`). */
async function open(path, { user, lang, viewport } = {}) {
  const page = await h.newPage(viewport ? { viewport } : {});
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00Z`));
  if (user) await page.addInitScript((u) => localStorage.setItem('partner-benefits:acting-user', u), user);
  if (lang) await page.addInitScript((l) => localStorage.setItem('partner-benefits:language', l), lang);
  await page.goto(h.base + path);
  return page;
}

async function atStep(page, n, of = 'Step') {
  const word = of === 'Step' ? `Step ${n} of 5` : `Étape ${n} sur 5`;
  await page.locator('[data-field="step"]', { hasText: word }).waitFor();
}

/** "Next" on an incomplete step: announced as unavailable (aria-disabled) but still
 * focusable and pressable, and pressing it says what is missing. */
async function pressBlockedNext(page) {
  const next = page.getByRole('button', { name: 'Next' });
  assert.equal(await next.getAttribute('aria-disabled'), 'true');
  await next.focus();
  await page.keyboard.press('Enter');
}

/** Steps 1–3 by mouse: subscription, action, tenant, key validated. Ends on step 3. */
async function fillToKey(page, { subscription = 'sub-1', action = 'Extend the end date', key = KEY_25 } = {}) {
  await atStep(page, 1);
  await page.getByLabel('Subscription', { exact: true }).selectOption(subscription);
  await page.getByLabel(action, { exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await atStep(page, 2);
  await page.getByLabel('This is the right tenant').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await atStep(page, 3);
  await page.getByLabel('Product key', { exact: true }).fill(key);
  await page.getByRole('button', { name: 'Validate' }).click();
}

/** From a validated step 3 to the result page. */
async function reviewAndRedeem(page) {
  await page.locator('[data-field="key-valid"]').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await atStep(page, 4);
  await page.getByRole('button', { name: 'Next' }).click();
  await atStep(page, 5);
  await page.getByRole('button', { name: 'Redeem', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.locator('[data-field="redeemed"]').waitFor();
}

test('extend Microsoft 365 with the 25-license key: the review is the engine\'s, the result is recorded', async () => {
  const page = await open('/redeem');
  await atStep(page, 1);
  // Step 1 lists the tenant's subscriptions.
  const rows = page.locator('table.redeem-subscriptions tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.first().innerText(), /Microsoft 365 Business Premium[\s\S]*100[\s\S]*20 January 2027[\s\S]*Active/);
  assert.match(await rows.nth(1).innerText(), /Power BI Pro[\s\S]*Expired/);
  // Next is refused until the step is complete, saying why.
  await pressBlockedNext(page);
  await assert.doesNotReject(page.locator('#next-blocked', { hasText: 'Choose a subscription' }).waitFor());
  await atStep(page, 1);
  await page.getByLabel('Subscription', { exact: true }).selectOption('sub-1');
  await page.getByLabel('Extend the end date').check();
  await h.screenshot(page, 'redeem-step1');
  await page.getByRole('button', { name: 'Next' }).click();

  await atStep(page, 2);
  assert.equal(await page.locator('[data-field="tenant-name"]').innerText(), 'Contoso Partners Ltd');
  assert.equal(await page.locator('[data-field="tenant-domain"]').innerText(), 'contoso.example');
  await pressBlockedNext(page);
  await assert.doesNotReject(page.locator('#next-blocked', { hasText: 'This is the right tenant' }).waitFor());
  await atStep(page, 2);
  await page.getByLabel('This is the right tenant').check();
  await h.screenshot(page, 'redeem-step2');
  await page.getByRole('button', { name: 'Next' }).click();

  await atStep(page, 3);
  await pressBlockedNext(page);
  await assert.doesNotReject(page.locator('#next-blocked', { hasText: 'Validate' }).waitFor());
  await page.getByLabel('Product key', { exact: true }).fill(KEY_25.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: 'Validate' }).click();
  assert.match(await page.locator('[data-field="key-valid"]').innerText(), /25 licenses of Microsoft 365 Business Premium/);
  await h.screenshot(page, 'redeem-step3');
  await page.getByRole('button', { name: 'Next' }).click();

  await atStep(page, 4);
  const extendPlan = enginePlan({ action: 'extend_end_date', active_seats: M365.seats, end_date: M365.end, key_seats: 25, today: TODAY });
  const addPlan = enginePlan({ action: 'add_licenses', active_seats: M365.seats, end_date: M365.end, key_seats: 25, today: TODAY });
  const extend = page.locator('[data-outcome="extend_end_date"]');
  const add = page.locator('[data-outcome="add_licenses"]');
  assert.equal(await extend.locator('time[data-field="new-end-date"]').getAttribute('datetime'), extendPlan.end_date);
  assert.equal(await add.locator('time[data-field="new-end-date"]').getAttribute('datetime'), addPlan.end_date);
  assert.equal(await extend.getAttribute('data-chosen'), 'true');
  assert.match(await add.innerText(), /125/);
  assert.equal(await page.locator('[data-field="product"]').innerText(), 'Microsoft 365 Business Premium');
  assert.equal(await page.locator('[data-field="key-seats"]').innerText(), '25');
  assert.match(await page.locator('[data-field="term"]').innerText(), /12 months/);
  // The key planner's timeline picture.
  assert.equal(await page.locator('svg.timeline').count(), 1);
  await h.screenshot(page, 'redeem-step4');
  await page.getByRole('button', { name: 'Next' }).click();

  await atStep(page, 5);
  assert.equal(await page.getByRole('button', { name: 'Next' }).count(), 0);
  assert.match(await page.locator('[data-field="summary"]').innerText(), /100 licenses until/);
  await page.getByRole('button', { name: 'Redeem', exact: true }).click();
  assert.match(await page.locator('.confirm').innerText(), /cannot be undone: a key redeemed into a tenant cannot be moved or redeemed again/);
  await h.screenshot(page, 'redeem-step5');
  await page.getByRole('button', { name: 'Confirm' }).click();

  // The result page.
  await page.locator('[data-field="redeemed"]').waitFor();
  assert.equal(await page.locator('time[data-field="new-end-date"]').getAttribute('datetime'), extendPlan.end_date);
  assert.equal(await page.locator('[data-field="seats"]').innerText(), '100');
  assert.match(await page.locator('[data-field="activity"]').innerText(), /^Gloria Global-Admin redeemed key .*FG3VT.* into subscription sub-1 to extend its end date/);
  assert.equal(await page.locator('.key-copy [data-field="key"]').innerText(), KEY_25);
  assert.equal(await page.getByRole('button', { name: 'Copy the product key' }).count(), 1);
  const steps = await page.locator('ol.admin-steps').innerText();
  assert.match(steps, /admin\.microsoft\.com/);
  assert.match(steps, /Enter a product key/);
  assert.match(steps, new RegExp(KEY_25));
  assert.equal(await page.getByRole('link', { name: 'Redeem another key' }).count(), 1);
  await h.screenshot(page, 'redeem-result');

  // The workspace kept it: the activity log has the event, and the subscription its new end.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('partner-benefits:workspace')));
  assert.equal(stored.workspace.subscriptions['sub-1'].end, extendPlan.end_date);
  assert.deepEqual(Object.keys(stored.events.at(-1).change), ['key_redeemed']);
  // "Open the subscription" leads to the subscription's own address: its row, marked.
  await page.getByRole('link', { name: 'Open the subscription' }).click();
  await page.waitForURL(/\/benefits\/azure-cloud\/subscriptions\/sub-1$/);
  const main = page.locator('main');
  await main.locator('h1').waitFor();
  assert.equal(await page.locator('tr[data-subscription="sub-1"]').getAttribute('aria-current'), 'true');
  // The Azure & Cloud page (built by its own issue) shows the subscription's new end date.
  if (await page.locator('[data-placeholder]').count() === 0) {
    await assert.doesNotReject(
      page.locator(`main time[datetime="${extendPlan.end_date}"], main :text("20 April 2027")`).first().waitFor(),
    );
    await h.screenshot(page, 'redeem-after-azure-cloud');
  }
  assert.deepEqual(page.errors, []);
});

test('the 400-license key is refused for extend (3-year limit) but offered for add', async () => {
  const page = await open('/redeem');
  await fillToKey(page, { key: KEY_400 });
  const refusal = page.locator('[data-field="key-refusal"]');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-code'), 'extension_over_3_years');
  assert.match(await refusal.innerText(), /3-year/);
  await pressBlockedNext(page);
  await atStep(page, 3);
  await h.screenshot(page, 'redeem-step3-refused');
  await page.getByRole('button', { name: 'Choose “Add licenses” instead' }).click();
  await page.locator('[data-field="key-valid"]').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await atStep(page, 4);
  const add = page.locator('[data-outcome="add_licenses"]');
  const expected = enginePlan({ action: 'add_licenses', active_seats: M365.seats, end_date: M365.end, key_seats: 400, today: TODAY });
  assert.equal(await add.locator('time[data-field="new-end-date"]').getAttribute('datetime'), expected.end_date);
  assert.equal(await add.getAttribute('data-chosen'), 'true');
  const extend = page.locator('[data-outcome="extend_end_date"]');
  assert.equal(await extend.locator('time').count(), 0);
  assert.match(await extend.locator('[data-field="refusal"]').innerText(), /3-year/);
  // Step 1 still shows the new choice after going back.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await atStep(page, 1);
  assert.equal(await page.getByLabel('Add licenses', { exact: true }).isChecked(), true);
  assert.deepEqual(page.errors, []);
});

test('a second redemption of the same key is refused, saying when, by whom and into which subscription', async () => {
  const page = await open('/redeem');
  await fillToKey(page);
  await reviewAndRedeem(page);
  await page.getByRole('link', { name: 'Redeem another key' }).click();
  await atStep(page, 1);
  assert.equal(await page.getByLabel('Product key', { exact: true }).count(), 0);
  await fillToKey(page, { action: 'Add licenses' });
  const refusal = page.locator('[data-field="key-refusal"]');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-code'), 'key_already_redeemed');
  const text = await refusal.innerText();
  assert.match(text, /already redeemed on 2026-11-20 at 10:00 UTC/);
  assert.match(text, /by Gloria Global-Admin/);
  assert.match(text, /into subscription sub-1 \(Microsoft 365 Business Premium\)/);
  assert.equal(await page.locator('[data-field="alternatives"]').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('adding licenses with under 12 months left shows the short-term warning at review', async () => {
  const page = await open('/redeem');
  await fillToKey(page, { action: 'Add licenses' });
  await page.locator('[data-field="key-valid"]').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await atStep(page, 4);
  const add = page.locator('[data-outcome="add_licenses"]');
  assert.equal(await add.getAttribute('data-chosen'), 'true');
  assert.match(await add.locator('[data-field="warning"]').innerText(), /less than the key's 12 months/);
  // What extend would give instead is beside it.
  const extendPlan = enginePlan({ action: 'extend_end_date', active_seats: M365.seats, end_date: M365.end, key_seats: 25, today: TODAY });
  assert.equal(await page.locator('[data-outcome="extend_end_date"] time[data-field="new-end-date"]').getAttribute('datetime'), extendPlan.end_date);
  // Choosing the other option there re-validates and stays on the review.
  await page.locator('[data-outcome="extend_end_date"]').getByRole('button', { name: /instead/ }).click();
  await atStep(page, 4);
  assert.equal(await page.locator('[data-outcome="extend_end_date"]').getAttribute('data-chosen'), 'true');
  assert.deepEqual(page.errors, []);
});

test('a non-Global admin is refused on step 1 before typing anything', async () => {
  const page = await open('/redeem', { user: 'user-2' });
  const refusal = page.locator('[data-field="role-refusal"]');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('role'), 'alert');
  assert.equal(await refusal.getAttribute('data-code'), 'permission_denied');
  assert.match(await refusal.innerText(), /Only a Global admin can redeem product keys/);
  assert.match(await refusal.innerText(), /MPN partner admin/);
  assert.equal(await page.getByLabel('Product key', { exact: true }).count(), 0);
  assert.equal(await page.getByLabel('Subscription', { exact: true }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Next' }).count(), 0);
  await h.screenshot(page, 'redeem-refused-role');
  assert.deepEqual(page.errors, []);
});

test('a malformed key is refused with the position of the bad character', async () => {
  const page = await open('/redeem');
  await fillToKey(page, { key: 'QK7TW-M4R8C-XYBD2-H96PJ-FG3VO' });
  const refusal = page.locator('[data-field="key-refusal"]');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-code'), 'key_malformed');
  assert.match(await refusal.innerText(), /Character 25 \(group 5\) is "O"/);
  assert.match(await refusal.innerText(), /letter O are never used/);
  assert.equal(await page.getByLabel('Product key', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.deepEqual(page.errors, []);
});

test('a Power BI key is refused for the Microsoft 365 subscription', async () => {
  const page = await open('/redeem');
  await fillToKey(page, { key: POWER_BI_KEY });
  const refusal = page.locator('[data-field="key-refusal"]');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-code'), 'key_product_mismatch');
  assert.match(await refusal.innerText(), /This key is for Power BI Pro, but subscription sub-1 is Microsoft 365 Business Premium/);
  assert.deepEqual(page.errors, []);
});

test('"View details" preselects the subscription; an expired one offers only activation and says why', async () => {
  const page = await open('/benefits/azure-cloud');
  await page.locator('main h1').waitFor();
  const link = page.locator('main a[href="/redeem?subscription=sub-1"]').first();
  if (await link.count() > 0) {
    await link.click();
  } else {
    await page.goto(h.base + '/redeem?subscription=sub-1');
  }
  await atStep(page, 1);
  assert.equal(await page.getByLabel('Subscription', { exact: true }).inputValue(), 'sub-1');
  assert.equal(await page.getByLabel('Activate a new subscription').isDisabled(), true);
  assert.equal(await page.getByLabel('Extend the end date').isEnabled(), true);

  // The expired Power BI subscription, with a prefilled action and key.
  await page.goto(h.base + `/redeem?subscription=sub-2&action=extend_end_date&key=${POWER_BI_KEY}`);
  await atStep(page, 1);
  assert.equal(await page.getByLabel('Subscription', { exact: true }).inputValue(), 'sub-2');
  assert.equal(await page.getByLabel('Extend the end date').isDisabled(), true);
  assert.equal(await page.getByLabel('Add licenses', { exact: true }).isDisabled(), true);
  assert.equal(await page.getByLabel('Activate a new subscription').isEnabled(), true);
  const why = page.locator('[data-field="why-not-offered"]');
  assert.match(await why.innerText(), /sub-2 \(Power BI Pro\) ended on .*only “Activate a new subscription” is possible/);
  await h.screenshot(page, 'redeem-step1-expired');
  await pressBlockedNext(page);
  await assert.doesNotReject(page.locator('#next-blocked', { hasText: 'only “Activate a new subscription”' }).waitFor());
  await page.getByLabel('Activate a new subscription').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('This is the right tenant').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await atStep(page, 3);
  assert.equal(await page.getByLabel('Product key', { exact: true }).inputValue(), POWER_BI_KEY);
  await page.getByRole('button', { name: 'Validate' }).click();
  await page.locator('[data-field="key-valid"]').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await atStep(page, 4);
  const activate = page.locator('[data-outcome="activate_new"]');
  const expected = enginePlan({ action: 'activate_new', key_seats: 10, today: TODAY });
  assert.equal(await activate.locator('time[data-field="new-end-date"]').getAttribute('datetime'), expected.end_date);
  assert.equal(await page.locator('[data-outcome="extend_end_date"]').count(), 0);

  // An unknown subscription in the link is said, not guessed.
  await page.goto(h.base + '/redeem?subscription=sub-99');
  await atStep(page, 1);
  assert.match(await page.locator('[data-field="unknown-subscription"]').innerText(), /sub-99/);
  assert.equal(await page.getByLabel('Subscription', { exact: true }).inputValue(), '');
  assert.deepEqual(page.errors, []);
});

test('Back keeps every entry, and changing the action after validation asks again', async () => {
  const page = await open('/redeem');
  await atStep(page, 1);
  const storedBefore = await page.evaluate(() => localStorage.getItem('partner-benefits:workspace'));
  await fillToKey(page);
  await page.locator('[data-field="key-valid"]').waitFor();
  await page.getByRole('button', { name: 'Back' }).click();
  await atStep(page, 2);
  assert.equal(await page.getByLabel('This is the right tenant').isChecked(), true);
  await page.getByRole('button', { name: 'Back' }).click();
  await atStep(page, 1);
  assert.equal(await page.getByLabel('Subscription', { exact: true }).inputValue(), 'sub-1');
  assert.equal(await page.getByLabel('Extend the end date').isChecked(), true);
  assert.equal(await page.getByRole('button', { name: 'Back' }).isDisabled(), true);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await atStep(page, 3);
  assert.equal(await page.getByLabel('Product key', { exact: true }).inputValue(), KEY_25);
  assert.equal(await page.locator('[data-field="key-valid"]').count(), 1, 'still validated');
  // Changing the action drops the validation: step 3 must be validated again.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByLabel('Add licenses', { exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await atStep(page, 3);
  assert.equal(await page.locator('[data-field="key-valid"]').count(), 0);
  await pressBlockedNext(page);
  await atStep(page, 3);
  // Nothing was changed by any of this.
  const storedAfter = await page.evaluate(() => localStorage.getItem('partner-benefits:workspace'));
  assert.equal(storedAfter, storedBefore, 'nothing saved: nothing changed');
  assert.deepEqual(page.errors, []);
});

/** Presses Tab until the focused element matches `test` (keyboard only). */
async function tabTo(page, test, what) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(test)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

test('one full run by keyboard only', async () => {
  const page = await open('/redeem');
  await atStep(page, 1);
  await tabTo(page, () => document.activeElement?.id === 'redeem-subscription', 'the subscription select');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel('Subscription', { exact: true }).inputValue(), 'sub-1');
  // Into the radio group: the first radio offered (activate is not, for an active one).
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'redeem-action-extend_end_date');
  await page.keyboard.press('Space');
  assert.equal(await page.getByLabel('Extend the end date').isChecked(), true);
  await tabTo(page, () => document.activeElement?.textContent === 'Next', 'Next');
  await page.keyboard.press('Enter');
  await atStep(page, 2);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'step-heading', 'focus on the new step');
  await tabTo(page, () => document.activeElement?.id === 'redeem-tenant-ok', 'the tenant box');
  await page.keyboard.press('Space');
  await tabTo(page, () => document.activeElement?.textContent === 'Next', 'Next');
  await page.keyboard.press('Enter');
  await atStep(page, 3);
  await tabTo(page, () => document.activeElement?.id === 'redeem-key', 'the key field');
  await page.keyboard.type(KEY_25);
  await page.keyboard.press('Enter');
  await page.locator('[data-field="key-valid"]').waitFor();
  await tabTo(page, () => document.activeElement?.textContent === 'Next', 'Next');
  await page.keyboard.press('Enter');
  await atStep(page, 4);
  await tabTo(page, () => document.activeElement?.textContent === 'Next', 'Next');
  await page.keyboard.press('Enter');
  await atStep(page, 5);
  await tabTo(page, () => document.activeElement?.textContent === 'Redeem', 'Redeem');
  await page.keyboard.press('Enter');
  await tabTo(page, () => document.activeElement?.textContent === 'Confirm', 'Confirm');
  // Focus is visible on the control about to be pressed.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.keyboard.press('Enter');
  await page.locator('[data-field="redeemed"]').waitFor();
  const extendPlan = enginePlan({ action: 'extend_end_date', active_seats: M365.seats, end_date: M365.end, key_seats: 25, today: TODAY });
  assert.equal(await page.locator('time[data-field="new-end-date"]').getAttribute('datetime'), extendPlan.end_date);
  assert.deepEqual(page.errors, []);
});

test('the French run of the extend journey', async () => {
  const page = await open('/redeem', { lang: 'fr' });
  await atStep(page, 1, 'Étape');
  await page.getByLabel('Abonnement', { exact: true }).selectOption('sub-1');
  await page.getByLabel('Prolonger la date de fin').check();
  await page.getByRole('button', { name: 'Suivant' }).click();
  await atStep(page, 2, 'Étape');
  await page.getByLabel("C'est le bon locataire").check();
  await page.getByRole('button', { name: 'Suivant' }).click();
  await atStep(page, 3, 'Étape');
  await page.getByLabel('Clé de produit').fill(KEY_25);
  await page.getByRole('button', { name: 'Valider' }).click();
  assert.match(await page.locator('[data-field="key-valid"]').innerText(), /Clé valide : 25 licences/);
  await page.getByRole('button', { name: 'Suivant' }).click();
  await atStep(page, 4, 'Étape');
  const extendPlan = enginePlan({ action: 'extend_end_date', active_seats: M365.seats, end_date: M365.end, key_seats: 25, today: TODAY });
  assert.equal(await page.locator('[data-outcome="extend_end_date"] time[data-field="new-end-date"]').getAttribute('datetime'), extendPlan.end_date);
  assert.match(await page.locator('[data-field="term"]').innerText(), /12 mois/);
  await h.screenshot(page, 'redeem-fr-step4');
  await page.getByRole('button', { name: 'Suivant' }).click();
  await atStep(page, 5, 'Étape');
  await page.getByRole('button', { name: 'Échanger la clé' }).click();
  assert.match(await page.locator('.confirm').innerText(), /C'est définitif/);
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await page.locator('[data-field="redeemed"]').waitFor();
  assert.match(await page.locator('[data-field="redeemed"]').innerText(), /^Clé échangée/);
  assert.match(await page.locator('ol.admin-steps').innerText(), /Entrer une clé de produit/);
  assert.match(await page.locator('[data-field="activity"]').innerText(), /a échangé la clé .*FG3VT.* pour prolonger sa date de fin/);
  assert.equal(await page.locator('time[data-field="new-end-date"]').getAttribute('datetime'), extendPlan.end_date);
  await h.screenshot(page, 'redeem-fr-result');
  assert.deepEqual(page.errors, []);
});

test('the wizard is readable on a 360 px wide screen', async () => {
  const page = await open('/redeem?subscription=sub-1&action=add_licenses', { viewport: { width: 360, height: 800 } });
  await atStep(page, 1);
  let overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `step 1 is ${overflow}px wider than the screen`);
  await h.screenshot(page, 'redeem-mobile-step1');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('This is the right tenant').check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Product key', { exact: true }).fill(KEY_25);
  await page.getByRole('button', { name: 'Validate' }).click();
  await page.locator('[data-field="key-valid"]').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await atStep(page, 4);
  overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the review is ${overflow}px wider than the screen`);
  await h.screenshot(page, 'redeem-mobile-step4');
  assert.deepEqual(page.errors, []);
});

test('switching the language mid-way keeps the entries', async () => {
  const page = await open('/redeem');
  await fillToKey(page);
  await page.locator('[data-field="key-valid"]').waitFor();
  await page.getByLabel('Language', { exact: true }).selectOption('fr');
  await atStep(page, 3, 'Étape');
  assert.equal(await page.getByLabel('Clé de produit', { exact: true }).inputValue(), KEY_25);
  assert.match(await page.locator('[data-field="key-valid"]').innerText(), /Clé valide/);
  await page.getByRole('button', { name: 'Précédent' }).click();
  await atStep(page, 2, 'Étape');
  assert.equal(await page.getByLabel("C'est le bon locataire").isChecked(), true);
  assert.deepEqual(page.errors, []);
});

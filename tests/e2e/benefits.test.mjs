// Software (/benefits/software, R-SW-1..3) and Azure & Cloud (/benefits/azure-cloud, R-AZ,
// R-LIC, R-KEY-1 paste) on the demo workspace of 2026-11-20, acting as Gloria (Global admin)
// unless a test says otherwise. Refusals are the engine's words, shown beside the control.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { largeWorkspace, setUp } from './harness.mjs';

let h;
before(async () => { h = await setUp(); });
after(async () => { await h.tearDown(); });

const TODAY = '2026-11-20';
const OFFICE_KEY = 'BF4GY-KT9DX-HM2CJ-R6PVW-Q8T3Y';
const OFFICE_MASKED = '•••••-•••••-•••••-•••••-Q8T3Y';

/** A fresh page on the demo of 2026-11-20, as `user`, at `path`. */
async function open(path, { user, viewport, storage } = {}) {
  const page = await h.newPage(viewport ? { viewport } : {});
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00Z`));
  if (user) await page.addInitScript((u) => localStorage.setItem('partner-benefits:acting-user', u), user);
  if (storage) await page.addInitScript((doc) => localStorage.setItem('partner-benefits:workspace', doc), storage);
  await page.goto(h.base + path);
  return page;
}

async function noHorizontalScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

/** The Office product (sw-2: not revealed, its package still cancellable), opened. */
async function openOffice(page) {
  const office = page.locator('li[data-software="sw-2"]');
  const toggle = office.getByRole('button', { name: 'Show details' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await office.getByRole('button', { name: 'Hide details' }).getAttribute('aria-expanded'), 'true');
  return office;
}

// ---------------------------------------------------------------- Software

test('software: a product opens to its details; language and OS pick the download link', async () => {
  const page = await open('/benefits/software');
  const office = await openOffice(page);
  const text = await office.innerText();
  assert.match(text, /Office LTSC Professional Plus 2021/);
  assert.match(text, /Silver Cloud Productivity/);
  assert.match(text, /Not activated/);
  assert.match(text, /Windows x64, Windows x86, Windows ARM64/);
  // The keys are masked before "Get keys" (R-SW-2).
  assert.equal(await office.locator('tr[data-key-state="masked"] .key-text').innerText(), OFFICE_MASKED);
  assert.equal(await office.getByRole('button', { name: /Copy/ }).count(), 0);

  await office.getByLabel('Language').selectOption('French');
  await office.getByLabel('OS type').selectOption('Windows ARM64');
  const link = office.locator('a[data-download]');
  await link.first().waitFor();
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute('href'), 'https://downloads.contoso.example/office-ltsc-2021/french-windows-arm64.iso');
  assert.match(await link.innerText(), /French, Windows ARM64/);

  await office.getByLabel('OS type').selectOption('Windows x86');
  await page.locator('a[data-download$="french-windows-x86.iso"]').waitFor();
  await h.screenshot(page, 'benefits-software-desktop');
  assert.deepEqual(page.errors, []);
});

test('software: "Get keys" as Mario warns of the package, then shows the keys with copy buttons', async () => {
  const page = await open('/benefits/software', { user: 'user-2' });
  const office = await openOffice(page);
  await office.getByRole('button', { name: 'Get keys' }).click();
  const question = office.getByRole('group', { name: 'Get keys' });
  assert.match(await question.innerText(), /activated/);
  assert.match(await question.innerText(), /“Silver Cloud Productivity” can then no longer be cancelled/);
  await question.getByRole('button', { name: 'Confirm' }).click();
  const key = office.locator('tr[data-key-state="full"] .key-text');
  await key.waitFor();
  assert.equal(await key.innerText(), OFFICE_KEY);
  assert.equal(await office.getByRole('button', { name: 'Copy the key ending Q8T3Y' }).count(), 1);
  assert.match(await office.locator('tr[data-key-state="full"]').innerText(), /\b5\b/); // activations
  assert.match(await office.innerText(), /Keys revealed on 20 November 2026 by Mario Partner-Admin/);
  assert.match(await office.innerText(), /Activated/);
  assert.equal(await office.getByRole('button', { name: 'Get keys' }).count(), 0);
  // The button went away: the keyboard focus is on what happened, not the top of the page.
  await page.waitForFunction(() => document.activeElement?.id === 'sw-2-revealed');
  await h.screenshot(page, 'benefits-software-revealed');
  assert.deepEqual(page.errors, []);
});

test('software: "Get keys" as Uma (User admin) is refused up front in the engine\'s words; keys stay masked', async () => {
  const page = await open('/benefits/software', { user: 'user-3' });
  const office = await openOffice(page);
  // Said before anything is pressed (core's may_give), never after a confirmation.
  assert.equal(await office.getByRole('button', { name: 'Get keys' }).count(), 0);
  const refusal = office.locator('.not-as-you');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-code'), 'permission_denied');
  assert.match(await refusal.innerText(), /Only a Global admin or an MPN partner admin can reveal software keys; you are acting as User admin/);
  assert.equal(await office.locator('.key-text').innerText(), OFFICE_MASKED);
  assert.match(await office.innerText(), /Not activated/);
  assert.deepEqual(page.errors, []);
});

test('software: keys revealed by Mario stay masked for Uma (User admin) and Andy (Admin agent)', async () => {
  for (const user of ['user-3', 'user-4']) {
    const page = await open('/benefits/software', { user });
    const server = page.locator('li[data-software="sw-1"]');
    await server.getByRole('button', { name: 'Show details' }).click();
    await server.locator('.key-text').first().waitFor();
    assert.match(await server.innerText(), /Keys revealed on .* by Mario Partner-Admin/);
    assert.equal(await server.locator('tr[data-key-state="full"]').count(), 0, user);
    assert.match(await server.locator('.key-text').first().innerText(), /^•••••-•••••-•••••-•••••-[0-9A-Z]{5}$/);
    assert.equal(await server.getByRole('button', { name: /^Copy the key/ }).count(), 0);
    assert.match(await server.innerText(), /Only a Global admin or an MPN partner admin sees these keys in full/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('software: a product is added with its links, and a bad key is refused by the engine', async () => {
  const page = await open('/benefits/software', { user: 'user-2' });
  await page.getByText('Add a software product').click();
  await page.getByLabel('Product name').fill('Visio LTSC 2021');
  await page.getByLabel('Offer', { exact: true }).selectOption('silver');
  await page.getByLabel('Languages').fill('English, French');
  await page.getByLabel('OS types').fill('Windows x64');
  await page.getByLabel('French · Windows x64').fill('https://downloads.contoso.example/visio/fr-x64.iso');
  await page.getByLabel('Product keys').fill('BCDFG-HJKMP-QRTVW-XYO34-6789D, 3');
  await page.getByRole('button', { name: 'Add the product' }).click();
  const refusal = page.locator('form.sw-form [role="alert"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Character 18 \(group 4\) is "O"/);
  await page.getByLabel('Product keys').fill('BCDFG-HJKMP-QRTVW-XY234-6789D, 3');
  await page.getByRole('button', { name: 'Add the product' }).click();
  await page.locator('form.sw-form .success').waitFor();
  const visio = page.locator('li[data-software="sw-3"]');
  await visio.getByRole('button', { name: 'Show details' }).click();
  await visio.getByLabel('Language').selectOption('French');
  assert.equal(await visio.locator('a[data-download]').getAttribute('href'), 'https://downloads.contoso.example/visio/fr-x64.iso');
  // Entered by mistake: removed again.
  await visio.getByRole('button', { name: 'Remove this product' }).click();
  await visio.getByRole('button', { name: 'Confirm' }).click();
  await page.locator('li[data-software="sw-3"]').waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
});

test('software: readable on a 360 px wide screen', async () => {
  const page = await open('/benefits/software', { viewport: { width: 360, height: 800 } });
  await openOffice(page);
  await page.locator('a[data-download]').first().waitFor();
  await noHorizontalScroll(page);
  await h.screenshot(page, 'benefits-software-mobile');
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------- Azure credit

async function chooseAndSubmit(card, label, userId, button) {
  await card.getByLabel(label, { exact: true }).selectOption(userId);
  await card.getByRole('button', { name: button, exact: true }).click();
}

test('azure: each credit shows amount, kind, people, offer, type, expiry, spend and balance', async () => {
  const page = await open('/benefits/azure-cloud');
  const monthly = page.locator('li[data-credit="credit-1"]');
  await monthly.waitFor();
  const text = await monthly.innerText();
  assert.match(text, /Monthly credit · 100\.00 USD per month/);
  assert.match(text, /Action Pack/);
  assert.match(text, /Core/);
  assert.match(text, /19 August 2027/);
  assert.match(text, /1 November 2026 – 30 November 2026/);
  assert.equal(await monthly.locator('[data-field="spent"]').innerText(), '42.50 USD');
  assert.equal(await monthly.locator('[data-field="remaining"]').innerText(), '57.50 USD');
  assert.match(text, /Gus Guest \(guest\)/);
  const bulk = page.locator('li[data-credit="credit-2"]');
  assert.match(await bulk.innerText(), /Bulk \(yearly\) credit · 6,000\.00 USD per year/);
  await h.screenshot(page, 'benefits-azure-desktop');
  assert.deepEqual(page.errors, []);
});

test('azure: Gloria assigns monthly credit to a person, then removes a person', async () => {
  const page = await open('/benefits/azure-cloud');
  const monthly = page.locator('li[data-credit="credit-1"]');
  await monthly.getByRole('button', { name: 'Assign a person…' }).click();
  await chooseAndSubmit(monthly, 'Person', 'user-5', 'Assign');
  await monthly.locator('tr[data-user="user-5"]').waitFor();
  assert.match(await monthly.getByRole('status').innerText(), /Nora No-Role now has this credit/);
  await page.waitForFunction(() => document.activeElement?.id === 'credit-1-done');

  await monthly.getByRole('button', { name: 'Remove Gus Guest' }).click();
  await monthly.locator('tr[data-user="user-6"]').waitFor({ state: 'detached' });
  assert.equal(await monthly.locator('tr[data-user]').count(), 2);
  assert.deepEqual(page.errors, []);
});

test('azure: bulk credit has no remove button; Gloria transfers it; Nora is refused for her Azure Pass', async () => {
  const page = await open('/benefits/azure-cloud');
  const bulk = page.locator('li[data-credit="credit-2"]');
  await bulk.locator('tr[data-user="user-1"]').waitFor();
  assert.equal(await bulk.locator('.az-users button').count(), 0);
  assert.equal(await bulk.getByRole('button', { name: /^Remove (?!this credit)/ }).count(), 0);
  assert.equal(await bulk.getByRole('button', { name: 'Assign a person…' }).count(), 0);

  // R-AZ-5: Nora's Azure subscription carries an Azure Pass.
  await bulk.getByRole('button', { name: 'Transfer to…' }).click();
  await chooseAndSubmit(bulk, 'Transfer to', 'user-5', 'Transfer');
  const refusal = bulk.locator('form.az-panel [role="alert"]');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-code'), 'bulk_credit_conflicting_offer');
  assert.match(await refusal.innerText(), /Azure Pass/);
  assert.equal(await bulk.locator('tr[data-user="user-1"]').count(), 1);

  await chooseAndSubmit(bulk, 'Transfer to', 'user-2', 'Transfer');
  await bulk.locator('tr[data-user="user-2"]').waitFor();
  assert.equal(await bulk.locator('tr[data-user="user-1"]').count(), 0);
  assert.match(await bulk.getByRole('status').innerText(), /Credit transferred to Mario Partner-Admin/);
  assert.deepEqual(page.errors, []);
});

test('azure: assigning as Mario is refused — only a Global admin assigns credit to employees', async () => {
  const page = await open('/benefits/azure-cloud', { user: 'user-2' });
  const monthly = page.locator('li[data-credit="credit-1"]');
  await monthly.getByRole('button', { name: 'Assign a person…' }).click();
  await chooseAndSubmit(monthly, 'Person', 'user-5', 'Assign');
  const refusal = monthly.locator('form.az-panel [role="alert"]');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('data-code'), 'permission_denied');
  assert.match(await refusal.innerText(), /Only a Global admin can assign Azure credit to employees/);
  assert.equal(await monthly.locator('tr[data-user="user-5"]').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('azure: spend is read in the org currency; negative and garbage amounts are refused in words', async () => {
  const page = await open('/benefits/azure-cloud', { user: 'user-2' });
  const monthly = page.locator('li[data-credit="credit-1"]');
  await monthly.getByRole('button', { name: 'Record spend…' }).click();
  const amount = monthly.getByLabel('Amount (USD)');
  await amount.fill('-5');
  await monthly.getByRole('button', { name: 'Record', exact: true }).click();
  assert.match(await monthly.getByRole('alert').innerText(), /below zero/);
  await amount.fill('twelve');
  await monthly.getByRole('button', { name: 'Record', exact: true }).click();
  assert.match(await monthly.getByRole('alert').innerText(), /is not an amount as written here/);
  // More than is left of the month: the engine's refusal.
  await amount.fill('60');
  await monthly.getByRole('button', { name: 'Record', exact: true }).click();
  await monthly.locator('[data-code="credit_balance_exceeded"]').waitFor();
  await amount.fill('12.50');
  await monthly.getByLabel('Note (optional)').fill('Load test');
  await monthly.getByRole('button', { name: 'Record', exact: true }).click();
  await monthly.locator('[data-field="remaining"]', { hasText: '45.00 USD' }).waitFor();
  assert.equal(await monthly.locator('[data-field="spent"]').innerText(), '55.00 USD');
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------- License-based, keys

test('license-based: benefit expiry beside the subscription end, explained; View details opens the wizard', async () => {
  const page = await open('/benefits/azure-cloud');
  const m365 = page.locator('li[data-license="lic-1"]');
  await m365.waitFor();
  assert.equal(await m365.locator('[data-field="benefit-expiry"]').getAttribute('datetime'), '2027-08-19');
  const pair = m365.locator('li[data-subscription="sub-1"]');
  assert.equal(await pair.locator('[data-field="subscription-end"]').getAttribute('datetime'), '2027-01-20');
  assert.match(await pair.locator('[data-field="expiry-explanation"]').innerText(), /before the benefit expires/);
  assert.match(await m365.innerText(), /Redeem the keys in the admin center/);
  assert.match(await m365.innerText(), /•••••-•••••-•••••-•••••-FG3VT/);
  const details = pair.getByRole('link', { name: /View details/ });
  assert.equal(await details.getAttribute('href'), '/redeem?subscription=sub-1');
  const powerBi = page.locator('li[data-license="lic-2"] li[data-subscription="sub-2"]');
  assert.match(await powerBi.innerText(), /Expired/);
  await details.click();
  await page.waitForURL(/\/redeem\?subscription=sub-1$/);
  assert.deepEqual(page.errors, []);
});

test('keys: a paste of 3 good keys and 2 bad lines names the bad lines, adds the good ones, keeps the bad', async () => {
  const page = await open('/benefits/azure-cloud', { user: 'user-2' });
  await page.getByText('Add product keys').click();
  await page.locator('#az-keys').getByLabel('Product', { exact: true }).fill('Microsoft 365 Business Premium');
  await page.getByLabel('Licenses per key').fill('5');
  const box = page.getByLabel('Product keys, one per line');
  const bad1 = 'BCDFG-HJKMP-QRTVW-XYO34-6789D'; // a letter O
  const bad2 = 'BCDFG-HJKMP-QRTVW-XY234'; // too short
  await box.fill([
    'BCDFG-HJKMP-QRTVW-XY234-6789B',
    'BCDFG-HJKMP-QRTVW-XY234-6789C',
    bad1,
    '',
    bad2,
    'BCDFG-HJKMP-QRTVW-XY234-6789D',
  ].join('\n'));
  // Before anything is added: each bad line by number, in plain words.
  const review = page.locator('#keys-new-review');
  await review.locator('li[data-line="3"]').waitFor();
  assert.match(await review.locator('li[data-line="3"]').innerText(), /Line 3: Character 18 \(group 4\) is "O".*letter O/);
  assert.match(await review.locator('li[data-line="5"]').innerText(), /Line 5: A product key has 25 characters.*this one has 20/);
  assert.match(await review.innerText(), /3 keys ready to add/);
  await page.getByRole('button', { name: 'Add 3 keys' }).click();
  const outcome = page.locator('[data-field="keys-outcome"]');
  await outcome.waitFor();
  assert.match(await outcome.innerText(), /^3 keys added; 2 lines were not added:\s+line 3: Character 18[\s\S]*line 5: A product key has 25/);
  assert.equal(await box.inputValue(), `${bad1}\n${bad2}`);
  for (const ending of ['6789B', '6789C', '6789D']) {
    const row = page.locator(`.az-inventory tr[data-key-ending="${ending}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /Microsoft 365 Business Premium\s+5/);
  }
  // The new keys also show under the license-based benefit of that product.
  assert.match(await page.locator('li[data-license="lic-1"]').innerText(), /•••••-•••••-•••••-•••••-6789C/);
  await h.screenshot(page, 'benefits-azure-keys');
  assert.deepEqual(page.errors, []);
});

test('azure & cloud: readable on a 360 px wide screen', async () => {
  const page = await open('/benefits/azure-cloud', { viewport: { width: 360, height: 800 } });
  await page.locator('li[data-credit="credit-1"]').waitFor();
  await page.locator('li[data-credit="credit-2"]').getByRole('button', { name: 'Transfer to…' }).click();
  await noHorizontalScroll(page);
  await h.screenshot(page, 'benefits-azure-mobile');
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------- A large workspace

// 5,000 people and 1,000 benefits of every kind, written by the engine itself
// (benefits_core::demo::large, the same workspace the engine's benchmarks load).
test('a workspace of 5,000 people and 1,000 benefits stays responsive', async () => {
  const doc = largeWorkspace(5000, 1000);
  const timings = {};
  for (const path of ['/benefits/azure-cloud', '/benefits/software']) {
    const page = await open(path, { storage: doc });
    const started = Date.now();
    await page.locator(path.endsWith('software') ? 'li[data-software]' : 'li[data-credit]').last().waitFor({ timeout: 60000 });
    timings[path] = Date.now() - started;
    if (path.endsWith('azure-cloud')) {
      // Opening one credit's person list builds 5,000+ options once; assigning re-renders.
      const card = page.locator('li[data-credit="credit-1"]');
      let t = Date.now();
      await card.getByRole('button', { name: 'Assign a person…' }).click();
      await card.getByLabel('Person', { exact: true }).waitFor();
      timings.openPeople = Date.now() - t;
      t = Date.now();
      await chooseAndSubmit(card, 'Person', 'user-4000', 'Assign');
      await card.locator('tr[data-user="user-4000"]').waitFor();
      timings.assign = Date.now() - t;
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
  console.log('large workspace timings (ms):', JSON.stringify(timings));
});

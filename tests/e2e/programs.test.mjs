// Visual Studio (R-VS), Technical benefits (R-TECH) and Go-To-Market (R-GTM) on the demo
// workspace of 2026-11-20: every action goes through the engine, its refusals are shown
// beside the control that was used and change nothing; the pages read well at 1280 and 360 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp } from './harness.mjs';

let h;
before(async () => { h = await setUp(); });
after(async () => { await h.tearDown(); });

const TODAY = new Date('2026-11-20T10:00:00Z');
const USERS = { gloria: 'user-1', mario: 'user-2', uma: 'user-3', andy: 'user-4', nora: 'user-5' };

/** A fresh demo workspace of 2026-11-20 at `path`, acting as `who`. */
async function open(path, who = 'gloria', options = {}, ready = 'h1#page-title') {
  const page = await h.newPage(options);
  await page.clock.setFixedTime(TODAY);
  const id = USERS[who];
  await page.addInitScript((id) => {
    if (!sessionStorage.getItem('programs-test-started')) {
      sessionStorage.setItem('programs-test-started', '1');
      localStorage.setItem('partner-benefits:acting-user', id);
    }
  }, id);
  await page.goto(h.base + path);
  await page.locator(ready).waitFor();
  return page;
}

async function noHorizontalScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

/** A full-page screenshot from the top (a scrolled page draws its sticky header mid-page). */
async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await h.screenshot(page, name);
}

const stored = (page) => page.evaluate(() => localStorage.getItem('partner-benefits:workspace'));

// ---------------------------------------------------------------- Visual Studio (R-VS)

test('VS: the subscriptions show level, offer, subscriber and the first reassignment date', async () => {
  const page = await open('/benefits/visual-studio');
  const mario = page.locator('[data-vs="vs-1"]');
  await mario.waitFor();
  assert.match(await mario.locator('h2').innerText(), /Visual Studio Enterprise/);
  assert.match(await mario.innerText(), /Silver/);
  assert.match(await mario.locator('[data-field="subscriber"]').innerText(), /Mario Partner-Admin/);
  assert.equal(await mario.locator('[data-field="assigned-on"] time').getAttribute('datetime'), '2026-10-21');
  assert.equal(await mario.locator('[data-field="reassignable-from"] time').getAttribute('datetime'), '2027-01-19');
  assert.match(await page.locator('[data-field="vs-summary"]').innerText(), /3 subscriptions: 2 assigned, 1 not assigned yet/);
  assert.match(await page.locator('[data-vs="vs-3"] [data-field="subscriber"]').innerText(), /Nobody yet/);
  await shot(page, 'programs-vs-desktop');
  assert.deepEqual(page.errors, []);
});

test('VS: Gloria assigns the free subscription to Nora (R-VS-1)', async () => {
  const page = await open('/benefits/visual-studio');
  const free = page.locator('[data-vs="vs-3"]');
  await free.getByLabel('Assign to').selectOption('user-5');
  await free.getByRole('button', { name: 'Assign', exact: true }).click();
  await free.getByText('Assigned to Nora No-Role.').waitFor();
  assert.match(await free.locator('[data-field="subscriber"]').innerText(), /Nora No-Role/);
  assert.equal(await free.locator('[data-field="assigned-on"] time').getAttribute('datetime'), '2026-11-20');
  assert.equal(await free.locator('[data-field="reassignable-from"] time').getAttribute('datetime'), '2027-02-18');
  assert.match(await page.locator('[data-field="vs-summary"]').innerText(), /3 assigned, 0 not assigned yet/);
  assert.match(await stored(page), /"vs-3".{0,80}"user-5"/s);
  assert.deepEqual(page.errors, []);
});

test('VS: reassigning before 90 days is refused beside the action with the first allowed date (R-VS-2)', async () => {
  const page = await open('/benefits/visual-studio');
  const mario = page.locator('[data-vs="vs-1"]');
  const before = await stored(page);
  await mario.getByLabel('Reassign to').selectOption('user-5');
  await mario.getByRole('button', { name: 'Reassign', exact: true }).click();
  const refusal = mario.locator('.refusal[data-code="vs_reassignment_too_early"]');
  await refusal.waitFor();
  // Assigned 2026-10-21 + 90 days: the engine names 2027-01-19.
  assert.match(await refusal.innerText(), /Reassignment is possible from 2027-01-19/);
  assert.match(await mario.locator('[data-field="subscriber"]').innerText(), /Mario Partner-Admin/);
  assert.equal(await stored(page), before, 'a refusal changes nothing');
  await shot(page, 'programs-vs-refused');
  assert.deepEqual(page.errors, []);
});

test('VS: the subscription assigned 120 days ago can be reassigned', async () => {
  const page = await open('/benefits/visual-studio');
  const uma = page.locator('[data-vs="vs-2"]');
  assert.match(await uma.locator('[data-field="subscriber"]').innerText(), /Uma User-Admin/);
  await uma.getByLabel('Reassign to').selectOption('user-5');
  await uma.getByRole('button', { name: 'Reassign', exact: true }).click();
  await uma.getByText('Reassigned to Nora No-Role.').waitFor();
  assert.match(await uma.locator('[data-field="subscriber"]').innerText(), /Nora No-Role/);
  assert.equal(await uma.locator('.refusal').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('VS: Mario (not a Global admin) is refused assigning, naming the Global admin role', async () => {
  const page = await open('/benefits/visual-studio', 'mario');
  const free = page.locator('[data-vs="vs-3"]');
  await free.getByLabel('Assign to').selectOption('user-5');
  await free.getByRole('button', { name: 'Assign', exact: true }).click();
  const refusal = free.locator('.refusal[data-code="permission_denied"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Global admin/);
  assert.match(await free.locator('[data-field="subscriber"]').innerText(), /Nobody yet/);
  assert.deepEqual(page.errors, []);
});

test('VS: a person missing from the directory is added first, then assigned (R-VS-1)', async () => {
  const page = await open('/benefits/visual-studio');
  const free = page.locator('[data-vs="vs-3"]');
  await free.getByRole('button', { name: 'Add the user first' }).click();
  // Nothing chosen yet: the form says so, and nothing is sent.
  await free.getByLabel('Name').fill('Pia Newcomer');
  await free.getByLabel('Email').fill('pia@contoso.example');
  await free.getByLabel('Member or guest').selectOption('guest');
  await shot(page, 'programs-vs-add-user');
  await free.getByRole('button', { name: 'Add and assign' }).click();
  await free.getByText('Assigned to Pia Newcomer.').waitFor();
  assert.match(await free.locator('[data-field="subscriber"]').innerText(), /Pia Newcomer/);
  // The new person is in every select of the page now.
  assert.equal(await page.locator('[data-vs="vs-1"] option', { hasText: 'Pia Newcomer' }).count(), 1);
  assert.match(await stored(page), /pia@contoso\.example/);
  assert.deepEqual(page.errors, []);
});

test('VS: adding a user with an email already in use is refused beside the add form', async () => {
  const page = await open('/benefits/visual-studio');
  const free = page.locator('[data-vs="vs-3"]');
  await free.getByRole('button', { name: 'Add the user first' }).click();
  await free.getByLabel('Name').fill('Nora Again');
  await free.getByLabel('Email').fill('NORA@contoso.example');
  await free.getByRole('button', { name: 'Add and assign' }).click();
  await free.locator('.add-user-form .refusal[data-code="email_in_use"]').waitFor();
  assert.match(await free.locator('[data-field="subscriber"]').innerText(), /Nobody yet/);
  assert.deepEqual(page.errors, []);
});

test('VS: nothing chosen is said in words; unassign asks first; subscriptions are recorded and removed', async () => {
  const page = await open('/benefits/visual-studio');
  const free = page.locator('[data-vs="vs-3"]');
  await free.getByRole('button', { name: 'Assign', exact: true }).click();
  await free.getByText('Choose a person first.').waitFor();

  // Unassigning Uma's (120 days old) asks for confirmation, then frees it.
  const uma = page.locator('[data-vs="vs-2"]');
  await uma.getByRole('button', { name: 'Unassign' }).click();
  await uma.getByRole('button', { name: 'Confirm' }).click();
  await uma.getByText(/Unassigned/).waitFor();
  assert.match(await uma.locator('[data-field="subscriber"]').innerText(), /Nobody yet/);

  // Data entry: two Professional subscriptions, then one removed as a mistake.
  await page.getByLabel('Level').selectOption('professional');
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add subscriptions' }).click();
  await page.locator('[data-vs="vs-5"]').waitFor();
  assert.match(await page.locator('[data-vs="vs-4"] h2').innerText(), /Visual Studio Professional/);
  const added = page.locator('[data-vs="vs-5"]');
  await added.getByRole('button', { name: 'Remove' }).click();
  await added.getByRole('button', { name: 'Confirm' }).click();
  await page.locator('[data-vs="vs-5"]').waitFor({ state: 'detached' });

  // An assigned subscription is not removed: the engine says why, beside the button.
  const mario = page.locator('[data-vs="vs-1"]');
  await mario.getByRole('button', { name: 'Remove' }).click();
  await mario.getByRole('button', { name: 'Confirm' }).click();
  await mario.locator('.refusal[data-code="record_in_use"]').waitFor();
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------- Technical (R-TECH)

test('Technical: each benefit says what it is, who is eligible, its state and what is left', async () => {
  const page = await open('/benefits/technical');
  const signature = page.locator('[data-tech="tech-1"]');
  await signature.waitFor();
  assert.match(await signature.innerText(), /Signature Product Support for cloud products/);
  assert.match(await signature.innerText(), /For Silver and Gold partners, not Action Pack\./);
  assert.equal(await signature.locator('[data-field="state"]').innerText(), 'Not activated');
  const presales = page.locator('[data-tech="tech-2"]');
  assert.match(await presales.locator('[data-field="state"]').innerText(), /Pending since 18 November 2026/);
  assert.equal(await presales.locator('[data-field="allowance"]').innerText(), '20 hours');
  const onPrem = page.locator('[data-tech="tech-3"]');
  assert.match(await onPrem.locator('[data-field="state"]').innerText(), /Active since 4 November 2026/);
  assert.equal(await onPrem.locator('[data-field="remaining"]').innerText(), '4 incidents');
  assert.equal(await onPrem.locator('[data-field="access-id"]').innerText(), 'PSA-7K2Q9X4M');
  assert.equal(await onPrem.getByRole('button', { name: 'Copy the Access ID' }).count(), 1);
  assert.equal(await onPrem.getByRole('button', { name: 'Copy the Contract ID' }).count(), 1);
  assert.equal(await onPrem.locator('tr[data-request]').count(), 1);
  await shot(page, 'programs-technical-desktop');
  assert.deepEqual(page.errors, []);
});

test('Technical: Mario activates the not-activated benefit → pending (R-TECH-2)', async () => {
  const page = await open('/benefits/technical', 'mario');
  const signature = page.locator('[data-tech="tech-1"]');
  await signature.getByRole('button', { name: 'Activate' }).click();
  await signature.getByText(/Activation requested/).waitFor();
  assert.match(await signature.locator('[data-field="state"]').innerText(), /Pending since 20 November 2026/);
  assert.equal(await signature.getByLabel('Access ID').count(), 1);
  assert.deepEqual(page.errors, []);
});

test('Technical: Uma (User admin) is refused activating, naming the roles that may', async () => {
  const page = await open('/benefits/technical', 'uma');
  const signature = page.locator('[data-tech="tech-1"]');
  await signature.getByRole('button', { name: 'Activate' }).click();
  const refusal = signature.locator('.refusal[data-code="permission_denied"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Global admin|MPN partner admin/);
  assert.equal(await signature.locator('[data-field="state"]').innerText(), 'Not activated');
  assert.deepEqual(page.errors, []);
});

test('Technical: recording the IDs of the pending benefit makes it active, IDs shown with copy buttons', async () => {
  const page = await open('/benefits/technical');
  const presales = page.locator('[data-tech="tech-2"]');
  // Without the IDs, the engine refuses beside the form.
  await presales.getByRole('button', { name: 'Record', exact: true }).click();
  await presales.locator('.program-form .refusal[data-code="missing_value"]').waitFor();
  await presales.getByLabel('Access ID').fill('PSA-9Q4W2T7R');
  await presales.getByLabel('Contract ID').fill('CT-7731-2209');
  await presales.getByRole('button', { name: 'Record', exact: true }).click();
  await presales.getByText(/Recorded: the benefit is active/).waitFor();
  assert.match(await presales.locator('[data-field="state"]').innerText(), /Active since 20 November 2026/);
  assert.equal(await presales.locator('[data-field="access-id"]').innerText(), 'PSA-9Q4W2T7R');
  assert.equal(await presales.locator('[data-field="contract-id"]').innerText(), 'CT-7731-2209');
  assert.equal(await presales.getByRole('button', { name: 'Copy the Access ID' }).count(), 1);
  assert.equal(await presales.getByRole('button', { name: 'Copy the Contract ID' }).count(), 1);
  assert.deepEqual(page.errors, []);
});

test('Technical: a support request on the active on-premises benefit lowers what is left (R-TECH-3)', async () => {
  const page = await open('/benefits/technical');
  const onPrem = page.locator('[data-tech="tech-3"]');
  await onPrem.getByLabel('Product area').selectOption('on_premises');
  await onPrem.getByLabel('Title').fill('SQL Server 2022 failover cluster does not start');
  await onPrem.getByLabel('Incidents used').fill('2');
  await onPrem.getByRole('button', { name: 'Log the request' }).click();
  await onPrem.getByText('Support request logged.').waitFor();
  assert.equal(await onPrem.locator('[data-field="remaining"]').innerText(), '2 incidents');
  assert.equal(await onPrem.locator('[data-field="used"]').innerText(), '3 incidents');
  const first = onPrem.locator('tr[data-request]').first();
  assert.match(await first.innerText(), /20 November 2026/);
  assert.match(await first.innerText(), /Gloria Global-Admin/);
  assert.match(await first.innerText(), /SQL Server 2022/);

  // More than what is left: refused beside the form, nothing logged.
  await onPrem.getByLabel('Title').fill('Another one');
  await onPrem.getByLabel('Incidents used').fill('3');
  await onPrem.getByRole('button', { name: 'Log the request' }).click();
  const refusal = onPrem.locator('.refusal[data-code="tech_allowance_exceeded"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Only 2 incidents left/);
  assert.equal(await onPrem.locator('tr[data-request]').count(), 2);
  assert.deepEqual(page.errors, []);
});

test('Technical: an on-premises request on a benefit without IDs is refused naming them', async () => {
  const page = await open('/benefits/technical');
  const presales = page.locator('[data-tech="tech-2"]');
  await presales.getByText('Log a support request').click();
  await presales.getByLabel('Title').fill('Plan a hybrid Exchange deployment');
  await presales.getByLabel('Hours used').fill('4');
  await presales.getByRole('button', { name: 'Log the request' }).click();
  const refusal = presales.locator('.refusal[data-code="tech_ids_required"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Access ID and Contract ID/);
  assert.deepEqual(page.errors, []);
});

test('Technical: a benefit is recorded and one entered by mistake removed', async () => {
  const page = await open('/benefits/technical');
  await page.getByLabel('Kind').selectOption('presales_deployment');
  await page.getByLabel('Counted in').selectOption('hours');
  await page.getByLabel('Allowance').fill('12');
  await page.getByRole('button', { name: 'Add the benefit' }).click();
  const added = page.locator('[data-tech="tech-4"]');
  await added.waitFor();
  assert.equal(await added.locator('[data-field="allowance"]').innerText(), '12 hours');
  await added.getByRole('button', { name: 'Remove' }).click();
  await added.getByRole('button', { name: 'Confirm' }).click();
  await added.waitFor({ state: 'detached' });
  // Not a number: said in words, nothing sent.
  await page.getByLabel('Allowance').fill('');
  await page.getByRole('button', { name: 'Add the benefit' }).click();
  await page.getByText('Enter the allowance.').waitFor();
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------- Go-To-Market (R-GTM)

test('GTM: activating before a marketing contact is refused, and the page says so first (R-GTM-2)', async () => {
  const page = await open('/benefits/go-to-market');
  await page.locator('[data-field="no-contact-note"]').waitFor();
  const silver = page.locator('[data-gtm="gtm-1"]');
  assert.equal(await silver.locator('[data-field="status"]').innerText(), 'Not activated');
  const before = await stored(page);
  await silver.getByRole('button', { name: 'Activate' }).click();
  const refusal = silver.locator('.refusal[data-code="gtm_marketing_contact_required"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /marketing contact/);
  assert.equal(await stored(page), before);
  await shot(page, 'programs-gtm-desktop');
  assert.deepEqual(page.errors, []);
});

test('GTM: the company account email is refused for the contact; a valid one is saved; then activate and record', async () => {
  const page = await open('/benefits/go-to-market');
  const form = page.locator('form', { has: page.getByLabel('Phone') });
  await page.getByLabel('Person', { exact: true }).selectOption('user-1');
  // Choosing the person fills in their directory address.
  assert.equal(await page.getByLabel('Email', { exact: true }).inputValue(), 'gloria@contoso.example');
  await page.getByLabel('Email', { exact: true }).fill('admin@contoso.example');
  await page.getByLabel('Phone').fill('+1 425 555 0100');
  await page.getByLabel('Preferred language').selectOption('French');
  await page.getByRole('button', { name: 'Save the marketing contact' }).click();
  const refusal = form.locator('.refusal[data-code="marketing_contact_email_is_company_email"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /admin@contoso\.example/);
  await page.locator('[data-field="no-contact-note"]').waitFor();

  await page.getByLabel('Email', { exact: true }).fill('gloria.marketing@contoso.example');
  await page.getByRole('button', { name: 'Save the marketing contact' }).click();
  await page.getByText('The marketing contact is saved.').waitFor();
  assert.equal(await form.locator('.refusal').count(), 0);
  assert.equal(await page.locator('[data-field="contact-name"]').innerText(), 'Gloria Global-Admin');
  assert.equal(await page.locator('[data-field="contact-email"]').innerText(), 'gloria.marketing@contoso.example');
  assert.equal(await page.locator('[data-field="contact-language"]').innerText(), 'French');
  await page.locator('[data-field="no-contact-note"]').waitFor({ state: 'detached' });

  const silver = page.locator('[data-gtm="gtm-1"]');
  await silver.getByRole('button', { name: 'Activate' }).click();
  await silver.getByText(/Activation requested/).waitFor();
  assert.match(await silver.locator('[data-field="status"]').innerText(), /Pending since 20 November 2026/);

  // Expiry before activation: the engine refuses beside the form.
  await silver.getByLabel('Expires on').fill('2026-11-01');
  await silver.getByRole('button', { name: 'Record activation' }).click();
  await silver.locator('.refusal[data-code="invalid_date"]').waitFor();

  assert.equal(await silver.getByLabel('Activated on').inputValue(), '2026-11-20');
  await silver.getByLabel('Expires on').fill('2027-11-19');
  await silver.getByRole('button', { name: 'Record activation' }).click();
  await silver.getByText(/Recorded: active until 19 November 2027/).waitFor();
  assert.equal(await silver.locator('[data-field="status"]').innerText(), 'Active until 19 November 2027');
  assert.equal(await silver.locator('[data-field="expires-on"] time').getAttribute('datetime'), '2027-11-19');
  await shot(page, 'programs-gtm-active');
  assert.deepEqual(page.errors, []);
});

test('GTM: Andy (Admin agent) is refused setting the marketing contact', async () => {
  const page = await open('/benefits/go-to-market', 'andy');
  await page.getByLabel('Person', { exact: true }).selectOption('user-4');
  await page.getByLabel('Phone').fill('+1 425 555 0199');
  await page.getByRole('button', { name: 'Save the marketing contact' }).click();
  const refusal = page.locator('.refusal[data-code="permission_denied"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Global admin|MPN partner admin/);
  assert.match(await page.locator('[data-field="current-contact"]').innerText(), /No marketing contact is set yet/);
  assert.deepEqual(page.errors, []);
});

test('GTM: an offer is recorded, a duplicate refused, and one entered by mistake removed', async () => {
  const page = await open('/benefits/go-to-market');
  await page.getByLabel('Offer name').fill('Gold Core');
  await page.getByRole('button', { name: 'Add the offer' }).click();
  const added = page.locator('[data-gtm="gtm-3"]');
  await added.waitFor();
  assert.match(await added.locator('h2').innerText(), /Gold Core/);
  await page.getByLabel('Offer name').fill('silver core');
  await page.getByRole('button', { name: 'Add the offer' }).click();
  await page.locator('.record-keeping .refusal[data-code="invalid_value"]').waitFor();
  await added.getByRole('button', { name: 'Remove' }).click();
  await added.getByRole('button', { name: 'Confirm' }).click();
  await added.waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
});

test('a person without a role sees whom to ask, not the actions', async () => {
  // The frame's access gate stands in for the page (R-ROLE-1).
  const page = await open('/benefits/visual-studio', 'nora', {}, 'main#main');
  await page.getByText(/Ask a Global admin/).waitFor();
  assert.equal(await page.locator('[data-vs]').count(), 0);
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------- French

test('in French, the page and the engine refusal read in French', async () => {
  const page = await h.newPage();
  await page.clock.setFixedTime(TODAY);
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('programs-test-started')) {
      sessionStorage.setItem('programs-test-started', '1');
      localStorage.setItem('partner-benefits:language', 'fr');
    }
  });
  await page.goto(h.base + '/benefits/visual-studio');
  const mario = page.locator('[data-vs="vs-1"]');
  await mario.getByLabel('Réattribuer à').selectOption('user-5');
  await mario.getByRole('button', { name: 'Réattribuer', exact: true }).click();
  const refusal = mario.locator('.refusal[data-code="vs_reassignment_too_early"]');
  await refusal.waitFor();
  assert.doesNotMatch(await refusal.innerText(), /Reassignment is possible/);
  assert.match(await page.locator('main').innerText(), /Ajouter des abonnements Visual Studio/);
  await shot(page, 'programs-vs-french');
  await page.goto(h.base + '/benefits/technical');
  await page.locator('[data-tech="tech-3"]').getByText('Enregistrer une demande de support').waitFor();
  await page.goto(h.base + '/benefits/go-to-market');
  await page.getByText('Contact marketing', { exact: true }).waitFor();
  assert.deepEqual(page.errors, []);
});

// ---------------------------------------------------------------- narrow screens

for (const [name, path, ready, act] of [
  ['vs', '/benefits/visual-studio', '[data-vs="vs-1"]', async (page) => {
    // A refusal must stay readable on a phone too.
    const mario = page.locator('[data-vs="vs-1"]');
    await mario.getByLabel('Reassign to').selectOption('user-5');
    await mario.getByRole('button', { name: 'Reassign', exact: true }).click();
    await mario.locator('.refusal').waitFor();
  }],
  ['technical', '/benefits/technical', '[data-tech="tech-3"]', async (page) => {
    const onPrem = page.locator('[data-tech="tech-3"]');
    await onPrem.getByLabel('Title').fill('SQL Server 2022 failover cluster does not start');
    await onPrem.getByRole('button', { name: 'Log the request' }).click();
    await onPrem.getByText('Support request logged.').waitFor();
  }],
  ['gtm', '/benefits/go-to-market', '[data-gtm="gtm-1"]', async (page) => {
    await page.getByLabel('Person', { exact: true }).selectOption('user-2');
    await page.getByLabel('Phone').fill('+1 425 555 0142');
    await page.getByRole('button', { name: 'Save the marketing contact' }).click();
    await page.getByText('The marketing contact is saved.').waitFor();
    await page.locator('[data-gtm="gtm-2"]').getByRole('button', { name: 'Activate' }).click();
    await page.locator('[data-gtm="gtm-2"]').getByLabel('Expires on').waitFor();
  }],
]) {
  test(`${name}: readable on a 360 px wide screen`, async () => {
    const page = await open(path, 'gloria', { viewport: { width: 360, height: 800 } });
    await page.locator(ready).waitFor();
    await noHorizontalScroll(page);
    await shot(page, `programs-${name}-mobile`);
    await act(page);
    await noHorizontalScroll(page);
    await shot(page, `programs-${name}-mobile-after`);
    assert.deepEqual(page.errors, []);
  });
}

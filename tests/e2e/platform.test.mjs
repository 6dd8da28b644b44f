// The platform of the workspace: who is acting and what that allows, the access gate, the
// language, storage that survives reloads and reports its troubles (R-STATE-2), Settings
// (export, import, reset, start empty), Account settings, Activity and Membership.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setUp } from './harness.mjs';

let h;
before(async () => { h = await setUp(); });
after(async () => { await h.tearDown(); });

const WORKSPACE_KEY = 'partner-benefits:workspace';
const UNREADABLE_PREFIX = 'partner-benefits:workspace:unreadable:';

/** A fresh browser (empty storage = the demo of 2026-11-20), optionally acting as someone. */
async function open(path, { actor, lang, viewport, init } = {}) {
  const page = await h.newPage(viewport ? { viewport } : {});
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00Z'));
  if (actor) await page.addInitScript((id) => localStorage.setItem('partner-benefits:acting-user', id), actor);
  if (lang) await page.addInitScript((l) => localStorage.setItem('partner-benefits:language', l), lang);
  if (init) await page.addInitScript(init);
  await page.goto(h.base + path);
  await page.locator('h1').first().waitFor();
  return page;
}

/** Text with French spaces (narrow and unbreakable) made plain, for matching. */
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');

async function addUser(page, name, email) {
  await page.getByLabel('Name', { exact: true }).first().fill(name);
  await page.getByLabel('Email', { exact: true }).first().fill(email);
  await page.getByRole('button', { name: 'Add user' }).click();
}

async function noHorizontalScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

test('who is acting decides what is allowed: a User admin adds a user, an Admin agent is refused in the engine\'s words', async () => {
  const page = await open('/account/users', { actor: 'user-3' });
  assert.equal(await page.getByLabel('Acting as').inputValue(), 'user-3');
  assert.match(await page.getByLabel('Acting as').locator('option:checked').innerText(), /Uma User-Admin — User admin/);
  await addUser(page, 'Zoe Newcomer', 'zoe@contoso.example');
  await page.getByRole('status').filter({ hasText: 'Zoe Newcomer was added' }).waitFor();
  assert.equal(await page.locator('tr[data-user="user-7"] th').innerText(), 'Zoe Newcomer');
  // The Global admin role is guarded: a User admin cannot grant it.
  await page.locator('#add-user-role-global_admin').check();
  await addUser(page, 'Would Be Admin', 'wouldbe@contoso.example');
  const guard = page.locator('.refusal[data-code="permission_denied"]');
  await guard.waitFor();
  assert.match(await guard.innerText(), /^Only a Global admin can grant the Global admin role; you are acting as User admin\./);
  await page.locator('#add-user-role-global_admin').uncheck();

  await page.getByLabel('Acting as').selectOption('user-4');
  await addUser(page, 'Yann Other', 'yann@contoso.example');
  const refusal = page.locator('.refusal[data-code="permission_denied"]', { hasText: 'Admin agent' });
  await refusal.waitFor();
  assert.equal(await refusal.innerText(),
    'Only a Global admin or a User admin can add directory users; you are acting as Admin agent. Ask Gloria Global-Admin (Global admin) or Uma User-Admin (User admin) to do it.');
  assert.equal(await page.locator('tr[data-user="user-8"]').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('the directory refuses a duplicate email, and the last Global admin cannot be disabled', async () => {
  const page = await open('/account/users');
  await addUser(page, 'Nora Twin', 'NORA@contoso.example');
  const dup = page.locator('.refusal[data-code="email_in_use"]');
  await dup.waitFor();
  assert.match(await dup.innerText(), /Nora No-Role already uses the email address nora@contoso.example/);

  await page.getByRole('button', { name: 'Edit Gloria Global-Admin' }).click();
  await page.getByRole('button', { name: 'Disable this account' }).click();
  const last = page.locator('.refusal[data-code="last_global_admin"]');
  await last.waitFor();
  assert.match(await last.innerText(), /only enabled Global admin/);

  // Editing another user: a role added, saved through the engine.
  await page.getByRole('button', { name: 'Edit Nora No-Role' }).click();
  await page.locator('#edit-user-role-admin_agent').check();
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.getByText('The details were saved.').waitFor();
  assert.match(await page.locator('tr[data-user="user-5"]').innerText(), /Admin agent/);
  // Recording an Azure offer (R-AZ-5).
  await page.locator('#offer-enterprise_agreement').check();
  await page.getByRole('button', { name: 'Record these offers' }).click();
  await page.getByText('The Azure offers were recorded.').waitFor();
  assert.match(await page.locator('tr[data-user="user-5"]').innerText(), /Enterprise Agreement, Azure Pass|Azure Pass, Enterprise Agreement/);
  assert.deepEqual(page.errors, []);
});

test('a user without a role sees only whom to ask, and can switch back', async () => {
  const page = await open('/benefits', { actor: 'user-5' });
  const main = page.locator('main');
  await page.locator('[data-gate="no_role"]').waitFor();
  const text = await main.innerText();
  assert.match(text, /Nora No-Role has no role in this workspace/);
  assert.match(text, /Ask a Global admin \(Gloria Global-Admin\) to give you a role\./);
  assert.doesNotMatch(text, /Benefit packages|Contoso Partners Ltd/);
  assert.equal(await page.locator('nav#side-nav').count(), 0);
  // Every address shows the same message.
  await page.goto(h.base + '/activity');
  await page.locator('[data-gate="no_role"]').waitFor();
  assert.equal(await page.locator('.activity-list').count(), 0);
  await h.screenshot(page, 'platform-gate-en-1280');

  await page.getByLabel('Acting as').selectOption('user-1');
  await page.locator('.activity-list').waitFor();
  assert.equal(await page.locator('[data-gate]').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('changes, the acting user and the language survive a reload', async () => {
  const page = await open('/account/users');
  await addUser(page, 'Persistent Person', 'persistent@contoso.example');
  await page.locator('tr[data-user="user-7"]').waitFor();
  await page.getByLabel('Acting as').selectOption('user-2');
  await page.getByLabel('Language').selectOption('fr');
  await page.locator('html[lang="fr"]').waitFor();
  await page.reload();
  await page.locator('tr[data-user="user-7"]').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.equal(await page.getByLabel('Agir en tant que').inputValue(), 'user-2');
  assert.equal(await page.getByLabel('Langue').inputValue(), 'fr');
  assert.match(await page.locator('tr[data-user="user-7"]').innerText(), /Persistent Person/);
  assert.deepEqual(page.errors, []);
});

test('in French: the menu, the dates, the amounts and the engine\'s refusals', async () => {
  const page = await open('/benefits', { actor: 'user-4' });
  await page.getByLabel('Language').selectOption('fr');
  await page.locator('html[lang="fr"]').waitFor();
  const nav = page.locator('nav#side-nav');
  for (const name of ['Adhésion', 'Logiciels', 'Paramètres du compte', 'Activité', 'Paramètres']) {
    assert.equal(await nav.getByRole('link', { name, exact: true }).count(), 1, name);
  }
  assert.equal(await page.locator('h1').innerText(), 'Adhésion');
  assert.match(plain(await page.locator('main').innerText()), /Acheté le 10 novembre 2026 par Mario Partner-Admin/);
  // The language control keeps the keyboard focus after the page is drawn again.
  await page.waitForFunction(() => document.activeElement?.id === 'language');

  // Andy (Admin agent) may not cancel a package: the engine's refusal, in French, said up
  // front instead of the button.
  const silver = page.locator('[data-package="pkg-2"]');
  assert.equal(await silver.getByRole('button', { name: "Demander l'annulation" }).count(), 0);
  const refusal = silver.locator('.refusal[data-code="permission_denied"]');
  await refusal.waitFor();
  assert.equal(plain(await refusal.innerText()),
    "Il faut être administrateur général ou administrateur partenaire MPN pour demander l'annulation d'un forfait ; vous agissez en tant qu'agent d'administration. Demandez à Gloria Global-Admin (administrateur général) ou Mario Partner-Admin (administrateur partenaire MPN) de le faire.");

  // Amounts in the activity log: "42,50 USD" in French.
  await nav.getByRole('link', { name: 'Activité', exact: true }).click();
  await page.locator('.activity-item').first().waitFor();
  const newest = plain(await page.locator('.activity-item').first().innerText());
  assert.match(newest, /19 novembre 2026 à \d\d:\d\d UTC/);
  assert.match(newest, /a enregistré 42,50 USD dépensés le 19 novembre 2026 sur le crédit Azure credit-1/);

  // The key planner's refusal and warning, from their codes and the numbers typed.
  await page.goto(h.base + '/plan?seats=100&end=2027-01-31&key=400&today=2026-11-20');
  const extend = page.locator('[data-outcome="extend_end_date"] [data-field="refusal"]');
  await extend.waitFor();
  assert.match(plain(await extend.innerText()), /Une clé de 400 licences prolongerait 100 licences au-delà de la limite de 36 mois \(3 ans\)/);
  await page.getByLabel('Licences de la clé').fill('25');
  const warning = page.locator('[data-outcome="add_licenses"] [data-field="warning"]');
  await warning.waitFor();
  assert.match(plain(await warning.innerText()), /Ajouter des licences laisse 4,3 mois de durée, moins que les 12 mois de la clé/);
  assert.match(plain(await warning.innerText()), /reporterait la date de fin au 30 avril 2027 \(\+3 mois\)/);
  assert.deepEqual(page.errors, []);
});

test('an unreadable stored workspace is kept aside, the demo is shown, and the partner is told', async () => {
  const garbage = '{"schema_version": 1, "workspace": {broken';
  const page = await open('/benefits', {
    init: `if (!sessionStorage.getItem('seeded')) { localStorage.setItem('${WORKSPACE_KEY}', ${JSON.stringify(garbage)}); sessionStorage.setItem('seeded', '1'); }`,
  });
  const banner = page.locator('.storage-banner[data-notice="unreadable"]');
  await banner.waitFor();
  assert.match(await banner.innerText(), /Your saved workspace could not be read\. This is not a saved workspace: it is not valid JSON/);
  assert.match(await banner.innerText(), /It was kept aside, untouched/);
  assert.match(await page.locator('main').innerText(), /Contoso Partners Ltd/);
  const stored = await page.evaluate(([key, prefix]) => {
    const kept = Object.keys(localStorage).filter((k) => k.startsWith(prefix));
    return { main: localStorage.getItem(key), kept: kept.map((k) => localStorage.getItem(k)) };
  }, [WORKSPACE_KEY, UNREADABLE_PREFIX]);
  // Nothing was written over the main key before the partner acted.
  assert.equal(stored.main, garbage);
  assert.deepEqual(stored.kept, [garbage]);
  await h.screenshot(page, 'platform-storage-unreadable-1280');

  // Settings lists the kept copy; its download is the very text.
  await banner.getByRole('link', { name: 'Open Settings' }).click();
  const copy = page.locator('.kept-copy');
  await copy.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    copy.getByRole('button', { name: 'Download' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^unreadable-workspace-\d{8}-\d{6}\.json$/);
  assert.equal(await readFile(await download.path(), 'utf8'), garbage);
  // Dismissed, the banner goes.
  await page.getByRole('button', { name: 'Dismiss this message' }).click();
  assert.equal(await page.locator('.storage-banner').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a full storage is reported, and the change stays in the tab', async () => {
  const page = await open('/account/users', {
    init: `(() => {
      const original = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (key === '${WORKSPACE_KEY}') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.call(this, key, value);
      };
    })();`,
  });
  await addUser(page, 'Quota Person', 'quota@contoso.example');
  const banner = page.locator('.storage-banner[data-notice="save-failed"]');
  await banner.waitFor();
  assert.equal(await banner.locator('p').nth(1).innerText(),
    "Your last change could not be saved in this browser: this browser's storage for the workspace is full. It stays in this tab until you close it; export the workspace from Settings to keep it.");
  assert.match(await page.locator('tr[data-user="user-7"]').innerText(), /Quota Person/);
  await h.screenshot(page, 'platform-storage-quota-1280');
  assert.deepEqual(page.errors, []);
});

test('export downloads the workspace as JSON; a bad file is refused and changes nothing; a good one replaces', async () => {
  const page = await open('/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the workspace (JSON)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'partner-benefits-workspace-2026-11-20.json');
  const exported = await readFile(await download.path(), 'utf8');
  const doc = JSON.parse(exported);
  assert.equal(doc.schema_version, 2);
  assert.equal(doc.workspace.organisation.name, 'Contoso Partners Ltd');
  assert.ok(doc.events.length > 30);

  // Something stored to compare with: the demo, saved by "Reset to the demo".
  await page.getByRole('button', { name: 'Reset to the demo' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('The demo workspace is back.').waitFor();
  const before = await page.evaluate((k) => localStorage.getItem(k), WORKSPACE_KEY);
  assert.ok(before && before.includes('Contoso Partners Ltd'));
  await page.getByLabel('Workspace file to import (JSON)').setInputFiles({
    name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"schema_version": 1, "nope": true}'),
  });
  const refused = page.locator('[data-import="refused"]');
  await refused.waitFor();
  assert.match(await refused.innerText(), /This file was not imported, and your workspace is unchanged\./);
  assert.match(await refused.innerText(), /could not be read|not a saved workspace/);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), WORKSPACE_KEY), before);
  await h.screenshot(page, 'platform-settings-import-refused-1280');

  // Start empty, then import the export: the organisation is back, as exported.
  await page.getByRole('button', { name: 'Start empty' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.locator('#setup-title').waitFor();
  await page.getByLabel('Workspace file to import (JSON)').setInputFiles({
    name: 'export.json', mimeType: 'application/json', buffer: Buffer.from(exported),
  });
  const ready = page.locator('[data-import="ready"]');
  await ready.waitFor();
  assert.match(await ready.innerText(), /Contoso Partners Ltd \(MPN ID 1234567\): 6 directory users/);
  await ready.getByRole('button', { name: 'Replace the workspace with this file' }).click();
  await ready.getByRole('button', { name: 'Confirm' }).click();
  await page.locator('[data-import="done"]').waitFor();
  assert.equal(await page.locator('#setup-title').count(), 0);
  const after = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), WORKSPACE_KEY));
  assert.equal(after.events.length, doc.events.length);
  assert.deepEqual(page.errors, []);
});

test('start empty, then set up an organisation and its first Global admin', async () => {
  const page = await open('/settings');
  await page.getByRole('button', { name: 'Start empty' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.locator('#setup-title').waitFor();
  // Other pages say the workspace is empty and lead here.
  await page.locator('nav#side-nav').getByRole('link', { name: 'Membership' }).click();
  await page.locator('[data-gate="empty"]').waitFor();
  await page.getByRole('link', { name: 'Open Settings' }).click();
  await page.locator('#setup-title').waitFor();
  await h.screenshot(page, 'platform-settings-setup-1280');

  await page.getByLabel('Organisation name').fill('Fabrikam Conseil');
  await page.getByLabel('MPN ID').fill('7654321');
  await page.getByLabel('Company account email').fill('partner@fabrikam.example');
  await page.getByLabel('Currency (ISO code)').fill('EUR');
  await page.locator('#setup-offer-action_pack').check();
  await page.getByLabel('Tenant name').fill('Fabrikam');
  await page.getByLabel('Tenant domain').fill('fabrikam.example');
  await page.locator('#setup-admin-name').fill('Francoise Admin');
  await page.locator('#setup-admin-email').fill('not-an-email');
  await page.getByRole('button', { name: 'Set up the organisation' }).click();
  const refusal = page.locator('.setup .refusal[data-code="invalid_email"]');
  await refusal.waitFor();
  await page.locator('#setup-admin-email').fill('francoise@fabrikam.example');
  await page.getByRole('button', { name: 'Set up the organisation' }).click();
  await page.locator('#setup-title').waitFor({ state: 'detached' });
  assert.match(await page.getByLabel('Acting as').locator('option:checked').innerText(), /Francoise Admin — Global admin/);
  await page.locator('nav#side-nav').getByRole('link', { name: 'Membership' }).click();
  await page.locator('[data-fact="name"]').waitFor();
  assert.match(await page.locator('[data-fact="name"]').innerText(), /Fabrikam Conseil/);
  assert.match(await page.locator('[data-fact="currency"]').innerText(), /EUR/);
  assert.deepEqual(page.errors, []);
});

test('activity: filtered by area and user, newest first, exported as CSV', async () => {
  const page = await open('/activity');
  const items = page.locator('.activity-item');
  await items.first().waitFor();
  const all = await items.count();
  const seqs = await items.evaluateAll((els) => els.map((e) => Number(e.dataset.seq)));
  assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));

  await page.getByLabel('Area', { exact: true }).selectOption('directory');
  await page.waitForFunction(() => [...document.querySelectorAll('.activity-item')].every((e) => e.dataset.area === 'directory'));
  const directory = await items.count();
  assert.ok(directory > 0 && directory < all);
  await page.getByLabel('User', { exact: true }).selectOption('user-3');
  await page.waitForFunction(() => document.querySelectorAll('.activity-item').length === 1);
  assert.match(await items.first().innerText(), /Uma User-Admin recorded the offers on Nora No-Role's Azure subscription: Azure Pass\./);

  await page.getByLabel('User', { exact: true }).selectOption('');
  await page.waitForFunction((n) => document.querySelectorAll('.activity-item').length === n, directory);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download these changes (CSV)' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'activity-2026-11-20.csv');
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.split('\r\n').filter(Boolean);
  assert.equal(lines[0], 'Sequence,Time (UTC),User ID,User,Area,Change,Description');
  assert.equal(lines.length, directory + 1);
  assert.ok(lines.slice(1).every((l) => l.includes(',Account settings,user_')), csv);
  assert.match(csv, /"Gloria Global-Admin added the directory user Mario Partner-Admin \(mario@contoso\.example, MPN partner admin\)\."/);
  assert.deepEqual(page.errors, []);
});

test('cancellation: refused for the 60-day-old package, granted for the 10-day-old one', async () => {
  const page = await open('/benefits');
  const old = page.locator('[data-package="pkg-1"]');
  assert.match(await old.innerText(), /Purchased on 21 September 2026/);
  await old.getByRole('button', { name: 'Request cancellation' }).click();
  await old.getByRole('button', { name: 'Confirm' }).click();
  const refusal = old.locator('.refusal[data-code="cancellation_window_closed"]');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /Microsoft Action Pack was purchased on 2026-09-21; cancellation with a refund can be requested only within 30 days of purchase, that is until 2026-10-21/);

  const recent = page.locator('[data-package="pkg-2"]');
  await recent.getByRole('button', { name: 'Request cancellation' }).click();
  await recent.getByText('This cannot be undone.').waitFor();
  await recent.getByRole('button', { name: 'Confirm' }).click();
  await recent.getByText('Cancellation requested', { exact: true }).waitFor();
  assert.match(await recent.innerText(), /Cancellation requested on 20 November 2026 by Gloria Global-Admin \(service request sr-1\)\./);
  assert.equal(await recent.getByRole('button', { name: 'Request cancellation' }).count(), 0);

  // A purchase by an Admin agent (any role may purchase).
  await page.getByLabel('Acting as').selectOption('user-4');
  await page.getByLabel('Package name').fill('Gold Cloud Platform');
  await page.getByLabel('Offer').selectOption('gold');
  await page.getByRole('button', { name: 'Record the purchase' }).click();
  await page.getByText('Gold Cloud Platform was recorded.').waitFor();
  assert.match(await page.locator('[data-package="pkg-3"]').innerText(), /Gold · Purchased on 20 November 2026 by Andy Admin-Agent/);
  assert.deepEqual(page.errors, []);
});

test('by keyboard alone: a confirmation takes the focus and gives it back', async () => {
  const page = await open('/benefits');
  const recent = page.locator('[data-package="pkg-2"]');
  await recent.getByRole('button', { name: 'Request cancellation' }).focus();
  await page.keyboard.press('Enter');
  const confirm = recent.getByRole('button', { name: 'Confirm' });
  await confirm.waitFor();
  assert.equal(await confirm.evaluate((b) => b === document.activeElement), true, 'Confirm has the focus');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // Cancel
  const again = recent.getByRole('button', { name: 'Request cancellation' });
  await again.waitFor();
  assert.equal(await again.evaluate((b) => b === document.activeElement), true, 'the focus is back on the button');
  assert.equal(await recent.getByText('Cancellation requested', { exact: true }).count(), 0, 'Cancel changed nothing');
  assert.deepEqual(page.errors, []);
});

test('the menu marks only the page shown as current', async () => {
  const page = await open('/benefits/software');
  const nav = page.locator('#side-nav');
  assert.equal(await nav.getByRole('link', { name: 'Software' }).getAttribute('aria-current'), 'page');
  assert.equal(await nav.getByRole('link', { name: 'Membership' }).getAttribute('aria-current'), null);
  await nav.getByRole('link', { name: 'Membership' }).click();
  await page.waitForURL('**/benefits');
  assert.equal(await nav.getByRole('link', { name: 'Membership' }).getAttribute('aria-current'), 'page');
  assert.equal(await nav.locator('[aria-current="page"]').count(), 1);
  // The bulk planner's address starts with the key planner's: only its own link is current.
  await nav.getByRole('link', { name: 'Bulk key planner' }).click();
  await page.getByRole('heading', { level: 1, name: 'Bulk key planner' }).waitFor();
  assert.deepEqual(await nav.locator('[aria-current="page"]').allInnerTexts(), ['Bulk key planner']);
  await nav.getByRole('link', { name: 'Key planner', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Key planner' }).waitFor();
  assert.deepEqual(await nav.locator('[aria-current="page"]').allInnerTexts(), ['Key planner']);
  // A user's address is Account settings' page.
  await page.goto(h.base + '/account/users/user-3');
  await page.locator('#edit-user-title').waitFor();
  assert.deepEqual(await nav.locator('[aria-current="page"]').allInnerTexts(), ['Account settings']);
  assert.deepEqual(page.errors, []);
});

test('a user\'s address opens their details; Edit and Close write it, back and forward follow', async () => {
  const page = await open('/account/users');
  await page.getByRole('button', { name: 'Edit Uma User-Admin' }).click();
  await page.waitForURL('**/account/users/user-3');
  assert.match(await page.locator('#edit-user-title').innerText(), /Uma User-Admin/);
  await page.getByRole('button', { name: 'Edit Nora No-Role' }).click();
  await page.waitForURL('**/account/users/user-5');
  assert.match(await page.locator('#edit-user-title').innerText(), /Nora No-Role/);
  await page.goBack();
  await page.waitForURL('**/account/users/user-3');
  await page.locator('#edit-user-title', { hasText: 'Uma User-Admin' }).waitFor();
  await page.getByRole('button', { name: 'Close' }).click();
  await page.waitForURL(/\/account\/users$/);
  assert.equal(await page.locator('#edit-user-title').count(), 0);
  // A user this directory does not hold: said, and the directory is there.
  await page.goto(h.base + '/account/users/user-99');
  const unknown = page.locator('[data-notice="unknown-record"]');
  await unknown.waitFor();
  assert.match(await unknown.innerText(), /There is no user “user-99” in this directory/);
  assert.equal(await page.locator('#edit-user-title').count(), 0);
  assert.ok(await page.locator('tr[data-user]').count() > 0);
  assert.deepEqual(page.errors, []);
});

test('links change the page without reloading; back, forward, / and deep links work; Ctrl+click is the browser\'s', async () => {
  const page = await open('/benefits/visual-studio');
  const entries = await page.evaluate(() => history.length);
  await page.goto(h.base + '/');
  await page.waitForURL('**/benefits');
  await page.getByRole('heading', { level: 1, name: 'Membership' }).waitFor();
  // `/` is replaced by /benefits, not kept in the history.
  assert.equal(await page.evaluate(() => history.length), entries + 1);
  await page.evaluate(() => { window.notReloaded = true; });
  const nav = page.locator('#side-nav');
  await nav.getByRole('link', { name: 'Technical' }).click();
  await page.getByRole('heading', { level: 1, name: 'Technical' }).waitFor();
  // By keyboard: the new page's content takes the focus, so the next Tab is in the page.
  await nav.getByRole('link', { name: 'Activity' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/activity');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.getElementById('main').contains(document.activeElement)
    && document.activeElement.id !== 'main'), 'Tab after following a link stays in the page');
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Technical' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Technical' }).getAttribute('aria-current'), 'page');
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Membership' }).waitFor();
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: 'Technical' }).waitFor();
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'a link reloaded the page');
  // Back past /benefits is the page opened before `/`, not `/`.
  await page.goBack();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Visual Studio' }).waitFor();
  // An unknown address says so, and its links lead back into the app.
  await page.goto(h.base + '/benefits/nothing-here?x=1');
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  assert.match(await page.locator('code.address').innerText(), /^\/benefits\/nothing-here$/);
  await page.locator('main').getByRole('link', { name: 'Go-To-Market' }).click();
  await page.getByRole('heading', { level: 1, name: 'Go-To-Market' }).waitFor();
  // Ctrl+click opens a new tab and leaves this one where it was.
  const opened = page.context().waitForEvent('page');
  await nav.getByRole('link', { name: 'Software' }).click({ modifiers: ['Control'] });
  const tab = await opened;
  await tab.waitForLoadState();
  assert.equal(new URL(tab.url()).pathname, '/benefits/software');
  assert.equal(new URL(page.url()).pathname, '/benefits/go-to-market');
  await page.getByRole('heading', { level: 1, name: 'Go-To-Market' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every platform page in English and French, at 1280 and 360 px', async () => {
  const pages = [['membership', '/benefits'], ['users', '/account/users'], ['activity', '/activity'], ['settings', '/settings']];
  for (const [width, height] of [[1280, 900], [360, 780]]) {
    for (const lang of ['en', 'fr']) {
      for (const [name, path] of pages) {
        const page = await open(path, { lang, viewport: { width, height } });
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        if (name === 'users') {
          await page.locator('tr[data-user="user-3"] button').click();
          await page.locator('#edit-user-title').waitFor();
        }
        await noHorizontalScroll(page);
        await h.screenshot(page, `platform-${name}-${lang}-${width}`);
        assert.deepEqual(page.errors, [], `${name} ${lang} ${width}`);
        await page.context().close();
      }
      const gate = await open('/benefits', { lang, actor: 'user-6', viewport: { width, height } });
      await gate.locator('[data-gate="no_role"]').waitFor();
      await noHorizontalScroll(gate);
      await h.screenshot(gate, `platform-gate-${lang}-${width}`);
      await gate.context().close();
    }
  }
});

/** The demo, exported by the app, grown to 5,000 more users and 1,000 more benefits: each
 *  added as the event the engine would have written, so the document loads and replays. */
async function largeWorkspace() {
  const page = await open('/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the workspace (JSON)' }).click(),
  ]);
  const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
  await page.context().close();
  const ws = doc.workspace;
  let seq = ws.last_seq;
  const event = (change, i) => ({ seq: ++seq, at: `2026-11-20T0${i % 9}:${String(i % 60).padStart(2, '0')}:00`, actor: 'user-1', change });
  for (let i = 0; i < 5000; i++) {
    const id = `user-${ws.counters.users + 1}`;
    ws.counters.users += 1;
    const user = { id, name: `Employee ${i}`, email: `employee${i}@contoso.example`, kind: 'member', roles: [], disabled: false, azure_offers: [] };
    ws.users[id] = user;
    doc.events.push(event({ user_added: { user } }, i));
  }
  const gtmShape = Object.values(ws.gtm_offers)[0];
  const vsShape = Object.values(ws.visual_studio).find((v) => !v.assignment);
  for (let i = 0; i < 1000; i++) {
    if (i % 2 === 0) {
      const id = `gtm-${ws.counters.gtm_offers + 1}`;
      ws.counters.gtm_offers += 1;
      const offer = { ...gtmShape, id, name: `Offer ${i}` };
      ws.gtm_offers[id] = offer;
      doc.events.push(event({ gtm_offer_added: { offer } }, i));
    } else {
      const id = `vs-${ws.counters.visual_studio + 1}`;
      ws.counters.visual_studio += 1;
      const sub = { ...vsShape, id };
      ws.visual_studio[id] = sub;
      doc.events.push(event({ visual_studio_subscriptions_added: { subscriptions: [sub] } }, i));
    }
  }
  ws.last_seq = seq;
  return JSON.stringify(doc);
}

test('5,000 users and 1,000 benefits: the directory, the activity log and the menus stay quick', async () => {
  const big = await largeWorkspace();
  const seed = `if (!sessionStorage.getItem('seeded')) { localStorage.setItem('${WORKSPACE_KEY}', ${JSON.stringify(big)}); sessionStorage.setItem('seeded', '1'); }`;
  const timings = {};

  let start = Date.now();
  const page = await open('/activity', { init: seed });
  await page.locator('.activity-item').nth(199).waitFor();
  timings.activityOpen = Date.now() - start;
  assert.equal(await page.locator('.storage-banner').count(), 0, 'the large document loads');
  assert.equal(await page.locator('.activity-item').count(), 200);
  assert.match(await page.locator('.activity-count').innerText(), /Showing the newest 200 of 6,0\d\d matching changes/);
  start = Date.now();
  await page.getByRole('button', { name: 'Show more' }).click();
  await page.locator('.activity-item').nth(399).waitFor();
  timings.showMore = Date.now() - start;
  start = Date.now();
  await page.getByLabel('Area', { exact: true }).selectOption('go_to_market');
  await page.waitForFunction(() => document.querySelector('.activity-item')?.dataset.area === 'go_to_market');
  timings.filter = Date.now() - start;
  assert.equal(await page.getByLabel('Acting as').locator('option').count(), 5006);

  start = Date.now();
  await page.locator('nav#side-nav').getByRole('link', { name: 'Account settings' }).click();
  await page.locator('tr[data-user]').nth(199).waitFor();
  timings.directoryOpen = Date.now() - start;
  assert.equal(await page.locator('tr[data-user]').count(), 200);
  start = Date.now();
  await page.getByLabel('Find a user by name or email').fill('employee4999@');
  await page.waitForFunction(() => document.querySelectorAll('tr[data-user]').length === 1);
  timings.search = Date.now() - start;

  // A change is saved (2.4 MB) and shows at once.
  start = Date.now();
  await page.getByLabel('Find a user by name or email').fill('');
  await addUser(page, 'One More', 'one.more@contoso.example');
  await page.getByText('One More was added').waitFor();
  timings.addUser = Date.now() - start;
  assert.equal(await page.locator('.storage-banner').count(), 0);
  console.log('timings (ms) with 5,000 users and 1,000 benefits:', JSON.stringify(timings));
  for (const [what, ms] of Object.entries(timings)) assert.ok(ms < 8000, `${what} took ${ms} ms`);
  assert.deepEqual(page.errors, []);
});

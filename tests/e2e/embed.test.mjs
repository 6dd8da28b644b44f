// Embedding (R-STATE-4, docs/EMBEDDING.md): a host page with hostile CSS loads embed.js from
// dist/ served under /benefits-app/ and writes <partner-benefits base="/intranet/benefits"
// namespace="contoso">. The app draws itself in the element's shadow root, styled as itself;
// the host keeps its own styles and <head>; the app's links and back/forward stay under the
// base without reloading; a host link is a normal navigation; a deep link under the base
// opens its page; every storage key is in the namespace.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUp } from './harness.mjs';
import { startHostServer, stopServer } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = process.env.DIST_DIR ?? path.join(ROOT, 'dist');
const BASE = '/intranet/benefits';
const NAMESPACE = 'contoso';

const hostPage = (attributes) => `<!doctype html>
<html lang="de">
  <head>
    <meta charset="utf-8" />
    <title>Contoso Intranet</title>
    <link rel="icon" href="data:," />
    <style>
      * { color: red !important; letter-spacing: 3px; font-family: "Courier New", monospace; }
      button { display: none !important; }
      h1 { font-size: 80px !important; }
      a { text-transform: uppercase; }
      partner-benefits { margin: 24px; }
    </style>
    <script type="module" src="/benefits-app/embed.js"></script>
  </head>
  <body>
    <nav><a id="host-home" href="/intranet/home">Intranet home</a></nav>
    <h1 id="host-title">Partner benefits</h1>
    <button id="host-button" type="button">Host button</button>
    <partner-benefits ${attributes}></partner-benefits>
  </body>
</html>`;

const HOME = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet home</title><link rel="icon" href="data:,"></head>
<body><h1 id="intranet-home">Intranet home</h1><a href="${BASE}">Partner benefits</a></body></html>`;

let h, host, origin;
let attributes = `base="${BASE}" namespace="${NAMESPACE}"`;
before(async () => {
  h = await setUp();
  host = await startHostServer({
    dist: DIST, distPath: '/benefits-app/', base: BASE, page: () => hostPage(attributes), pages: { '/intranet/home': HOME },
  });
  origin = `http://127.0.0.1:${host.address().port}`;
});
after(async () => {
  await stopServer(host);
  await h.tearDown();
});

/** The host page at `path` (under the base), its <head> recorded as served. */
async function open(path) {
  const page = await h.newPage();
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00Z'));
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
    window.headAsServed = document.head.outerHTML;
  }));
  await page.goto(origin + path);
  await page.locator('partner-benefits h1').first().waitFor();
  return page;
}

const inApp = (page) => page.locator('partner-benefits');
const style = (locator, property) => locator.evaluate((el, p) => getComputedStyle(el)[p], property);

const shadowFocus = (page) => page.evaluate(() => document.querySelector('partner-benefits').shadowRoot.activeElement?.id);

/** Computed styles of a few of the app's elements: its heading, a button, a menu link. */
async function looks(page, app) {
  const pick = (locator) => locator.evaluate((el) => {
    const s = getComputedStyle(el);
    return { color: s.color, font: s.fontFamily, size: s.fontSize, spacing: s.letterSpacing, transform: s.textTransform, display: s.display, background: s.backgroundColor };
  });
  return {
    heading: await pick(app.getByRole('heading', { level: 1, name: 'Membership' })),
    button: await pick(app.getByRole('button', { name: 'Request cancellation' }).first()),
    link: await pick(app.locator('#side-nav').getByRole('link', { name: 'Software' })),
    body: await pick(app.locator('main p').first()),
  };
}

test('in a hostile host page the app is visible and styled as itself, and the host keeps its own styles and head', async () => {
  // The app as itself: standalone, on a page of its own.
  const alone = await h.newPage();
  await alone.goto(h.base + '/benefits');
  await alone.getByRole('heading', { level: 1, name: 'Membership' }).waitFor();
  const itself = await looks(alone, alone.locator('body'));
  await alone.context().close();

  const page = await open(BASE);
  const app = inApp(page);
  // `base` itself leads to the membership overview, under the base.
  await page.waitForURL(`**${BASE}/benefits`);
  await app.getByRole('heading', { level: 1, name: 'Membership' }).waitFor();
  const embedded = await looks(page, app);
  assert.deepEqual(embedded, itself);
  assert.equal(itself.heading.size, '24px');
  assert.equal(itself.heading.color, 'rgb(36, 36, 36)');
  assert.match(itself.heading.font, /Segoe UI/);
  assert.notEqual(itself.button.display, 'none');
  assert.equal(await app.getByRole('button', { name: 'Request cancellation' }).first().isVisible(), true);
  // The host's own elements keep the host's styles.
  assert.equal(await style(page.locator('#host-title'), 'fontSize'), '80px');
  assert.equal(await style(page.locator('#host-title'), 'color'), 'rgb(255, 0, 0)');
  assert.equal(await style(page.locator('#host-button'), 'display'), 'none');
  // Nothing was added to the host's <head>; its language and title are the host's.
  assert.equal(await page.evaluate(() => document.head.outerHTML === window.headAsServed), true, 'the <head> changed');
  assert.equal(await page.evaluate(() => document.styleSheets.length), 1);
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  assert.equal(await page.title(), 'Contoso Intranet');
  // The app's styles are inside its shadow root.
  assert.equal(await page.evaluate(() => document.querySelector('partner-benefits').shadowRoot.querySelectorAll('style').length), 1);
  await h.screenshot(page, 'embed-hostile-host-1280');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('app links move under the base without reloading, back and forward work, a host link is a normal navigation', async () => {
  const page = await open(`${BASE}/benefits`);
  const app = inApp(page);
  await page.evaluate(() => { window.notReloaded = true; });
  const nav = app.locator('#side-nav');
  assert.equal(await nav.getByRole('link', { name: 'Software' }).getAttribute('href'), `${BASE}/benefits/software`);
  await nav.getByRole('link', { name: 'Software' }).click();
  await app.getByRole('heading', { level: 1, name: 'Software' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `${BASE}/benefits/software`);
  assert.equal(await shadowFocus(page), 'main', 'the page content takes the focus after a link');
  await nav.getByRole('link', { name: 'Bulk key planner' }).click();
  await app.getByRole('heading', { level: 1, name: 'Bulk key planner' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `${BASE}/plan/bulk`);
  // Exactly the current page's link is marked.
  assert.deepEqual(await nav.locator('[aria-current="page"]').allInnerTexts(), ['Bulk key planner']);
  // The sample file is one of the app's files: under /benefits-app/, not under the base.
  await app.getByLabel('From a CSV file').check();
  const sample = app.getByRole('link', { name: 'Download the sample file (CSV)' });
  assert.equal(await sample.evaluate((a) => a.href), `${origin}/benefits-app/bulk-sample.csv`);
  await page.goBack();
  await app.getByRole('heading', { level: 1, name: 'Software' }).waitFor();
  await page.goBack();
  await app.getByRole('heading', { level: 1, name: 'Membership' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `${BASE}/benefits`);
  await page.goForward();
  await app.getByRole('heading', { level: 1, name: 'Software' }).waitFor();
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'an app link reloaded the page');
  // An unknown address under the base is the app's "Page not found", with the full address.
  await app.locator('#side-nav').getByRole('link', { name: 'Membership' }).click();
  await page.evaluate((to) => { history.pushState(null, '', to); dispatchEvent(new PopStateEvent('popstate')); }, `${BASE}/nothing-here`);
  await app.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  assert.equal(await app.locator('code.address').innerText(), `${BASE}/nothing-here`);
  // The host's link is the browser's: a real page load, outside the app.
  await page.locator('#host-home').click();
  await page.locator('#intranet-home').waitFor();
  assert.equal(new URL(page.url()).pathname, '/intranet/home');
  assert.equal(await page.evaluate(() => window.notReloaded), undefined);
  // And back into the host page, which draws the app again at its address.
  await page.goBack();
  await inApp(page).getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a deep link under the base opens its page: the key planner with its plan, one user, one subscription, one key', async () => {
  const page = await open(`${BASE}/plan?seats=100&end=2027-01-31&key=25&today=2026-11-20`);
  const app = inApp(page);
  await app.getByRole('heading', { level: 1, name: 'Key planner' }).waitFor();
  const extend = app.locator('[data-outcome="extend_end_date"]');
  await extend.locator('[data-field="new-end-date"]').waitFor();
  assert.equal(await app.getByLabel('Active licenses').inputValue(), '100');
  // Editing the plan writes it into the address, under the base.
  await app.getByLabel('Key licenses').fill('50');
  await page.waitForURL((url) => url.pathname === `${BASE}/plan` && url.searchParams.get('key') === '50');
  await page.context().close();

  const user = await open(`${BASE}/account/users/user-3`);
  await inApp(user).locator('#edit-user-title').waitFor();
  assert.match(await inApp(user).locator('#edit-user-title').innerText(), /Uma User-Admin/);
  assert.equal(await inApp(user).locator('#side-nav [aria-current="page"]').innerText(), 'Account settings');
  // Closing the details goes back to the directory's address.
  await inApp(user).getByRole('button', { name: 'Close' }).click();
  await user.waitForURL(`**${BASE}/account/users`);
  await user.context().close();

  const sub = await open(`${BASE}/benefits/azure-cloud/subscriptions/sub-1`);
  const row = inApp(sub).locator('tr[data-subscription="sub-1"]');
  await row.waitFor();
  assert.equal(await row.getAttribute('aria-current'), 'true');
  await sub.waitForFunction(() => document.querySelector('partner-benefits').shadowRoot.activeElement?.dataset.subscription === 'sub-1');
  await h.screenshot(sub, 'embed-linked-subscription-1280');
  // One product key, by its last five characters (the link never carries the key).
  const ending = await inApp(sub).locator('tr[data-key-ending]').first().getAttribute('data-key-ending');
  const keyLink = inApp(sub).locator(`tr[data-key-ending="${ending}"] a`);
  assert.equal(await keyLink.getAttribute('href'), `${BASE}/benefits/azure-cloud/keys/${ending}`);
  await keyLink.click();
  await sub.waitForURL(`**${BASE}/benefits/azure-cloud/keys/${ending}`);
  const keyRow = inApp(sub).locator(`tr[data-key-ending="${ending}"]`);
  await sub.waitForFunction(() => document.querySelector('partner-benefits').shadowRoot.querySelector('tr.linked-row[data-key-ending]'));
  assert.equal(await keyRow.getAttribute('aria-current'), 'true');
  assert.equal(await inApp(sub).locator('tr[data-subscription][aria-current]').count(), 0);
  // An address naming no record says so, and the page is still there.
  await sub.goto(`${origin}${BASE}/benefits/azure-cloud/subscriptions/sub-99`);
  await inApp(sub).locator('[data-notice="unknown-record"]').waitFor();
  assert.match(await inApp(sub).locator('[data-notice="unknown-record"]').innerText(), /There is no tenant subscription “sub-99” in this workspace/);
  assert.deepEqual(sub.errors, []);
  await sub.context().close();
});

test('by keyboard: the skip link jumps to the app\'s content inside the shadow root, and leaves the host\'s address alone', async () => {
  const page = await open(`${BASE}/benefits`);
  const app = inApp(page);
  const skip = app.getByRole('link', { name: 'Skip to main content' });
  await skip.focus();
  assert.equal(await skip.isVisible(), true, 'shown once focused');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('partner-benefits').shadowRoot.activeElement?.id === 'main');
  assert.equal(new URL(page.url()).hash, '');
  assert.equal(new URL(page.url()).pathname, `${BASE}/benefits`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('every storage key the app writes starts with the namespace', async () => {
  const page = await open(`${BASE}/account/users`);
  const app = inApp(page);
  await app.getByLabel('Name', { exact: true }).first().fill('Embedded Person');
  await app.getByLabel('Email', { exact: true }).first().fill('embedded@contoso.example');
  await app.getByRole('button', { name: 'Add user' }).click();
  await app.getByRole('status').filter({ hasText: 'Embedded Person was added' }).waitFor();
  await app.getByLabel('Acting as').selectOption('user-3');
  await app.getByLabel('Language').selectOption('fr');
  await app.getByRole('heading', { level: 1, name: 'Paramètres du compte' }).waitFor();
  // The language is the app's own: the host page's <html lang> stays the host's.
  assert.equal(await page.locator('html').getAttribute('lang'), 'de');
  assert.equal(await page.evaluate(() => document.querySelector('partner-benefits').shadowRoot.querySelector('.app-root').lang), 'fr');
  const keys = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].sort());
  // `:workspace:revision` tells the other tabs of this namespace that it was saved (R-STATE-5).
  assert.deepEqual(keys, [`${NAMESPACE}:acting-user`, `${NAMESPACE}:language`, `${NAMESPACE}:workspace`, `${NAMESPACE}:workspace:revision`]);
  // Another namespace on the same origin is another workspace: the demo, in English.
  attributes = `base="${BASE}" namespace="fabrikam"`;
  await page.reload();
  await app.getByRole('heading', { level: 1, name: 'Account settings' }).waitFor();
  assert.equal(await app.locator('tr[data-user="user-7"]').count(), 0);
  attributes = `base="${BASE}" namespace="${NAMESPACE}"`;
  await page.reload();
  await app.getByRole('heading', { level: 1, name: 'Paramètres du compte' }).waitFor();
  assert.match(await app.locator('tr[data-user="user-7"]').innerText(), /Embedded Person/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a wrong attribute is said in the element, in English and French, and nothing else starts', async () => {
  attributes = `base="intranet" namespace="${NAMESPACE}"`;
  try {
    const page = await h.newPage();
    await page.goto(`${origin}${BASE}`);
    const alert = inApp(page).getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /The Partner Benefits Workspace could not start: base "intranet" does not start with \//);
    assert.match(await alert.innerText(), /L'Espace des avantages partenaire n'a pas pu démarrer/);
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    await page.context().close();
  } finally {
    attributes = `base="${BASE}" namespace="${NAMESPACE}"`;
  }
});

test('the shipped embed-example.html embeds the app from the files next to it', async () => {
  const page = await h.newPage();
  await page.goto(`${h.base}/embed-example.html`);
  const app = inApp(page);
  await app.getByRole('heading', { level: 1, name: 'Membership' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/embed-example.html/benefits');
  await app.locator('#side-nav').getByRole('link', { name: 'Key planner', exact: true }).click();
  await app.getByRole('heading', { level: 1, name: 'Key planner' }).waitFor();
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => !k.startsWith('contoso-intranet:'))), []);
  await h.screenshot(page, 'embed-example-1280');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// How the app loads (scripts/build-app.sh): the first page needs only the main module; every
// other page's code is its own WebAssembly module, fetched when the browser is idle after the
// first page, so pages still open offline; a page whose module cannot be fetched says so and
// opens by itself once the connection is back, without stopping the rest of the app. French
// is a module of its own too, fetched when a partner chooses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setUp, largeWorkspace } from './harness.mjs';

let h;
before(async () => { h = await setUp(); });
after(async () => { await h.tearDown(); });

const PAGES = 12; // src/lazy_pages.rs
// And French (i18n::load_french), and shared mode's four: its client (sync_client::load), the
// sign-in, invitation and "Changes not applied" pages. Local mode draws none of them; the
// idle prefetch fetches every module of the build, as the service worker caches them all.
const SPLIT = PAGES + 1 + 4;
const isMain = (url) => /\/app-[0-9a-f]+\/benefits_app_bg\.wasm$/.test(url);
const isPageModule = (url) => /\/app-[0-9a-f]+\/(split_|chunk_)[^/]*\.wasm$/.test(url);

async function open(path, { blockPages = false } = {}) {
  const page = await h.newPage();
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00Z'));
  page.wasm = [];
  page.on('requestfinished', (r) => { if (r.url().endsWith('.wasm')) page.wasm.push(r.url()); });
  if (blockPages) await page.route((url) => isPageModule(url.href), (route) => route.abort('internetdisconnected'));
  await page.goto(h.base + path);
  await page.locator('h1').first().waitFor();
  return page;
}

const splitModules = (page) => page.wasm.filter((u) => /\/split_[^/]*\.wasm$/.test(u)).length;

test('Membership needs only the main module; the other pages arrive when idle and then open offline', async () => {
  // With every page module refused, the first page still renders whole.
  const first = await open('/benefits', { blockPages: true });
  await first.getByRole('heading', { level: 1, name: 'Membership' }).waitFor();
  assert.deepEqual(first.wasm.filter((u) => !isMain(u)), []);
  assert.equal(first.wasm.filter(isMain).length, 1);
  await first.context().close();

  const page = await open('/benefits');
  for (let waited = 0; waited < 15000 && splitModules(page) < SPLIT; waited += 100) await page.waitForTimeout(100);
  assert.equal(splitModules(page), SPLIT, `page modules fetched: ${splitModules(page)}`);

  await page.context().setOffline(true);
  await page.getByRole('navigation').getByRole('link', { name: 'Software', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Software' }).waitFor();
  await page.locator('li[data-software]').first().waitFor();
  await page.getByRole('navigation').getByRole('link', { name: 'Azure & Cloud', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Azure & Cloud' }).waitFor();
  assert.equal(await page.locator('[data-notice="page-waiting"]').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a reload of another page fetches its module while the stored workspace is read, not after', async () => {
  // 5,000 people: reading the stored workspace takes a while before the app is drawn.
  const doc = largeWorkspace(5000, 1000);
  const page = await h.newPage();
  await page.addInitScript((doc) => {
    localStorage.setItem('partner-benefits:workspace', doc);
    new MutationObserver((_, observer) => {
      if (document.querySelector('#side-nav')) {
        window.drawnAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  }, doc);
  await page.goto(h.base + '/benefits/technical');
  await page.getByRole('heading', { level: 1, name: 'Technical' }).waitFor({ timeout: 60000 });
  const { drawnAt, asked } = await page.evaluate(() => ({
    drawnAt: window.drawnAt,
    asked: performance.getEntriesByType('resource').filter((r) => /\/split_[^/]*technical[^/]*\.wasm$/.test(r.name)).map((r) => r.startTime),
  }));
  assert.equal(asked.length, 1, 'the Technical module is fetched once');
  // Asked for while the workspace is read (measured: about 300 ms before the app is drawn);
  // were it asked for by the drawn app, it would be at the moment of drawing.
  assert.ok(asked[0] < drawnAt - 100, `module asked for at ${asked[0]} ms, app drawn at ${drawnAt} ms`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a page whose module cannot be fetched says so, the app goes on, and the page opens once the connection is back', async () => {
  const page = await open('/benefits', { blockPages: true });
  await page.getByRole('navigation').getByRole('link', { name: 'Software', exact: true }).click();
  const banner = page.locator('[data-notice="page-waiting"]');
  await banner.waitFor();
  assert.equal(await banner.getAttribute('role'), 'status');
  assert.match(await banner.textContent(), /could not be loaded.*opens by itself as soon as the connection is back/);
  // Which page is opening is said above the page still shown.
  const opening = page.locator('[data-notice="page-opening"]');
  assert.equal(await opening.getAttribute('role'), 'status');
  assert.equal(await opening.textContent(), 'Opening “Software”…');
  assert.equal(await page.getByRole('heading', { level: 1, name: 'Membership' }).count(), 1);
  await h.screenshot(page, 'loading-waiting-for-connection');

  // The rest of the app still works: the main module's page opens and acts.
  await page.getByRole('navigation').getByRole('link', { name: 'Membership', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Membership' }).waitFor();
  await opening.waitFor({ state: 'detached' });

  // Back online: the loader retries at once and the page the partner asked for opens.
  await page.unrouteAll();
  await page.getByRole('navigation').getByRole('link', { name: 'Software', exact: true }).click();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.getByRole('heading', { level: 1, name: 'Software' }).waitFor();
  await page.locator('li[data-software]').first().waitFor();
  await banner.waitFor({ state: 'detached' });
  assert.equal(await opening.count(), 0);
  // The only errors are the loader's reports of the refused fetches.
  assert.ok(page.errors.length > 0);
  for (const e of page.errors) assert.match(e, /internet|Failed to fetch|ERR_|TypeError/i, e);
  await page.context().close();
});

test('French is fetched only when chosen; the page switches once it is here, and a reload keeps it', async () => {
  const isFrench = (url) => /\/split_[^/]*french[^/]*\.wasm$/.test(url);
  const page = await open('/benefits', { blockPages: true });
  await page.getByLabel('Language').selectOption('fr');
  // Its module refused: the page stays in English, whole, and says it is waiting.
  await page.locator('[data-notice="page-waiting"]').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('heading', { level: 1, name: 'Membership' }).waitFor();

  await page.unrouteAll();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.getByRole('heading', { level: 1, name: 'Adhésion' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.ok(page.wasm.some(isFrench), page.wasm.join('\n'));

  // Remembered: a reload opens in French from its first drawing (its module is fetched
  // before the app is drawn), never English first.
  page.wasm.length = 0;
  await page.reload();
  await page.locator('h1').first().waitFor();
  assert.equal(await page.locator('h1').first().textContent(), 'Adhésion');
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.ok(page.wasm.some(isFrench));
  assert.equal(await page.getByLabel('Langue').inputValue(), 'fr');
  await page.context().close();

  // A partner who never chooses French never downloads it (before the idle prefetch).
  const english = await open('/benefits', { blockPages: true });
  await english.getByRole('heading', { level: 1, name: 'Membership' }).waitFor();
  assert.deepEqual(english.wasm.filter(isFrench), []);
  await english.context().close();
});

test('French remembered but its module out of reach: the app is drawn in English, then switches', async () => {
  const page = await h.newPage();
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00Z'));
  await page.addInitScript(() => localStorage.setItem('partner-benefits:language', 'fr'));
  await page.route((url) => isPageModule(url.href), (route) => route.abort('internetdisconnected'));
  await page.goto(h.base + '/benefits');
  // Drawn after a few seconds at most, in English, saying it is waiting.
  await page.getByRole('heading', { level: 1, name: 'Membership' }).waitFor({ timeout: 10000 });
  await page.locator('[data-notice="page-waiting"]').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.unrouteAll();
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.getByRole('heading', { level: 1, name: 'Adhésion' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  await page.context().close();
});

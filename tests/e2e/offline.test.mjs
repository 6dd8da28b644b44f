// Offline (docs/BUILD.md, "Offline"): the service worker sw.js precaches every file of the
// build on the first visit, so that with the server stopped every page reloads, plans are
// computed and the local workspace keeps working; a new build is installed in the
// background and offered ("A new version is ready — Reload"), never swapped under the
// partner's feet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUp } from './harness.mjs';
import { startServer, stopServer } from './server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = process.env.DIST_DIR ?? path.join(ROOT, 'dist');

let h;
before(async () => { h = await setUp(); });
after(async () => { await h.tearDown(); });

/** Its own server (stopped by the test), a fresh browser with service workers on. */
async function firstVisit(dist, path) {
  const server = await startServer(dist);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const page = await h.newPage({ serviceWorkers: 'allow' });
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00Z'));
  await page.goto(origin + path);
  await page.locator('h1').first().waitFor();
  // Installed (every file cached) and in control of the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
  return { server, origin, page };
}

const heading = (page, name) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

test('after one visit, with the server stopped, every page reloads, plans are computed and the workspace keeps its changes', async () => {
  const { server, origin, page } = await firstVisit(DIST, '/benefits');
  await stopServer(server);
  assert.equal((await page.request.get(origin + '/benefits').catch((e) => e)) instanceof Error, true, 'the server is down');

  const pages = [
    ['/benefits', 'Membership'], ['/benefits/software', 'Software'], ['/benefits/azure-cloud', 'Azure & Cloud'],
    ['/benefits/visual-studio', 'Visual Studio'], ['/benefits/technical', 'Technical'],
    ['/benefits/go-to-market', 'Go-To-Market'], ['/account/users', 'Account settings'], ['/activity', 'Activity'],
    ['/plan', 'Key planner'], ['/plan/bulk', 'Bulk key planner'], ['/redeem', 'Redeem a key'],
    ['/calendar', 'Expiry calendar'], ['/settings', 'Settings'],
  ];
  for (const [path, name] of pages) {
    await page.goto(origin + path);
    await heading(page, name);
    assert.equal(await page.locator('[data-notice="page-waiting"]').count(), 0, path);
  }
  // A record's address and an unknown one reload too.
  await page.goto(origin + '/account/users/user-3');
  await page.locator('#edit-user-title').waitFor();
  await page.goto(origin + '/nothing-here');
  await heading(page, 'Page not found');

  // The key planner computes a plan from a link.
  await page.goto(origin + '/plan?seats=100&end=2027-01-31&key=25&today=2026-11-20');
  const extend = page.locator('[data-outcome="extend_end_date"] time[data-field="new-end-date"]');
  await extend.waitFor();
  assert.equal(await extend.getAttribute('datetime'), '2027-04-30');
  // The bulk planner plans the workspace's keys.
  await page.goto(origin + '/plan/bulk');
  await page.locator('section.bulk-result[data-plan="ready"]').waitFor();
  assert.ok(await page.locator('tbody.bulk-line').count() > 0);
  // The local workspace: a change, kept across an offline reload.
  await page.goto(origin + '/account/users');
  await page.getByLabel('Name', { exact: true }).first().fill('Offline Person');
  await page.getByLabel('Email', { exact: true }).first().fill('offline@contoso.example');
  await page.getByRole('button', { name: 'Add user' }).click();
  await page.locator('tr[data-user="user-7"]').waitFor();
  await page.reload();
  assert.match(await page.locator('tr[data-user="user-7"]').innerText(), /Offline Person/);
  await h.screenshot(page, 'offline-users-1280');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a new build is installed in the background and offered; the page changes only on "Reload"', async () => {
  const dist = await mkdtemp(path.join(os.tmpdir(), 'benefits-dist-'));
  try {
    await cp(DIST, dist, { recursive: true });
    const { server, origin, page } = await firstVisit(dist, '/plan/bulk');
    const sample = () => page.evaluate(async () => (await fetch('/bulk-sample.csv')).text());
    const before = await sample();
    assert.equal(await page.locator('[data-notice="update-ready"]').count(), 0);

    // A new build: a file changed, index.html too, and the service worker's list written
    // again by the build's own step.
    await writeFile(path.join(dist, 'bulk-sample.csv'), before + '\n');
    const index = await readFile(path.join(dist, 'index.html'), 'utf8');
    assert.ok(index.includes('<title>'));
    await writeFile(path.join(dist, 'index.html'), index.replace('<title>', '<meta name="build" content="2"><title>'));
    execFileSync('python3', [path.join(ROOT, 'scripts/write-sw.py'), dist]);

    // The browser looks for a new version when a page of the app is loaded.
    await page.reload();
    const offer = page.locator('[data-notice="update-ready"]');
    await offer.waitFor({ timeout: 60000 });
    assert.equal(await offer.getAttribute('role'), 'status');
    const said = async () => (await offer.textContent()).replace(/\s+/g, ' ').trim();
    assert.equal(await said(), 'A new version is ready — Reload');
    // Not swapped under the partner's feet: still the old version, the page as it was.
    assert.equal(await sample(), before);
    assert.equal(await page.locator('meta[name="build"]').count(), 0);
    await heading(page, 'Bulk key planner');
    await h.screenshot(page, 'offline-update-offered-1280');
    // In French too.
    await page.getByLabel('Language').selectOption('fr');
    await page.locator('html[lang="fr"]').waitFor();
    assert.equal(await said(), 'Une nouvelle version est prête — Recharger');
    await h.screenshot(page, 'offline-update-offered-fr-1280');

    // "Reload": the new version takes over and the page reloads with it.
    await Promise.all([page.waitForEvent('load'), offer.getByRole('button', { name: 'Recharger' }).click()]);
    await page.locator('meta[name="build"]').waitFor({ state: 'attached' });
    await heading(page, 'Planificateur de clés en lot');
    assert.equal(await sample(), before + '\n');
    assert.equal(await page.locator('[data-notice="update-ready"]').count(), 0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
    await stopServer(server);
    void origin;
  } finally {
    await rm(dist, { recursive: true, force: true });
  }
});

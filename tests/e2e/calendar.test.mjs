// The expiry calendar (/calendar, R-PLAN-3) on the demo workspace of 2026-11-20: the next
// 90 days first and in date order, the filter by kind, the 12-month picture, the .ics
// download (RFC 5545, read back here), French, and a 360 px screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setUp } from './harness.mjs';

let h;
before(async () => { h = await setUp(); });
after(async () => { await h.tearDown(); });

const TODAY = '2026-11-20';

/** A fresh page on the demo of 2026-11-20 at /calendar, in `lang` if given. */
async function open({ lang, viewport } = {}) {
  const page = await h.newPage(viewport ? { viewport } : {});
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00Z`));
  if (lang) await page.addInitScript((l) => localStorage.setItem('partner-benefits:language', l), lang);
  await page.goto(h.base + '/calendar');
  await page.locator('.calendar-entry').first().waitFor();
  return page;
}

/** The entries of a section, as { id, kind, date, text }. */
async function entries(page, section) {
  return page.locator(`[data-section="${section}"] .calendar-entry`).evaluateAll((els) => els.map((e) => ({
    id: e.dataset.id,
    kind: e.dataset.kind,
    date: e.querySelector('time').getAttribute('datetime'),
    href: e.querySelector('a').getAttribute('href'),
    text: e.innerText,
  })));
}

async function allIds(page) {
  return page.locator('.calendar-entry').evaluateAll((els) => els.map((e) => e.dataset.id));
}

async function noHorizontalScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
}

async function download(page) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /Download calendar \(\.ics\)|Télécharger le calendrier/ }).click(),
  ]);
  assert.equal(file.suggestedFilename(), 'partner-benefits.ics');
  return readFileSync(await file.path(), 'utf8');
}

test('the next 90 days come first, in date order: the package to cancel, VS, M365', async () => {
  const page = await open();
  const sections = await page.locator('.calendar-section').evaluateAll((els) => els.map((e) => e.dataset.section));
  assert.deepEqual(sections, ['next-90-days', 'later', 'recently-passed']);
  assert.equal(await page.getByRole('heading', { level: 2, name: /Next 90 days/ }).count(), 1);

  const next = await entries(page, 'next-90-days');
  assert.deepEqual(next.map((e) => e.id), [
    'cancellation-window-end-pkg-2',
    'vs-reassignment-allowed-vs-1',
    'subscription-end-sub-1',
  ]);
  const dates = next.map((e) => e.date);
  assert.deepEqual(dates, [...dates].sort(), 'date order');

  const [cancel, vs, m365] = next;
  assert.equal(cancel.date, '2026-12-10', 'the 10-day-old package: purchase + 30 days');
  assert.match(cancel.text, /10 December 2026/);
  assert.match(cancel.text, /in 20 days/);
  assert.match(cancel.text, /Last day to cancel/);
  assert.match(cancel.text, /Silver Cloud Productivity/);
  assert.equal(cancel.href, '/benefits');

  assert.equal(vs.date, '2027-01-19', 'vs-1: assigned 2026-10-21 + 90 days');
  assert.match(vs.text, /Reassignment allowed/);
  assert.match(vs.text, /Mario Partner-Admin/);
  assert.equal(vs.href, '/benefits/visual-studio');

  assert.equal(m365.date, '2027-01-20');
  assert.match(m365.text, /20 January 2027/);
  assert.match(m365.text, /in 61 days/);
  assert.match(m365.text, /Subscription ends/);
  assert.match(m365.text, /Microsoft 365 Business Premium/);
  // A subscription's date links to the subscription itself (a record's address).
  assert.equal(m365.href, '/benefits/azure-cloud/subscriptions/sub-1');

  // Later: the enrollment year's last day, with the benefits and credits that end with it.
  const later = await entries(page, 'later');
  assert.ok(later.length >= 5);
  assert.ok(later.every((e) => e.date === '2027-08-19'), JSON.stringify(later));
  assert.ok(later.some((e) => e.kind === 'enrollment_year_end'));
  // Recently passed: Power BI ended 20 days ago; vs-2 became reassignable 30 days ago.
  const passed = await entries(page, 'recently-passed');
  assert.deepEqual(passed.map((e) => e.id), ['vs-reassignment-allowed-vs-2', 'subscription-end-sub-2']);
  assert.match(passed[1].text, /20 days ago/);

  // An entry leads to its record: the subscription's row, marked, on Azure & Cloud.
  await page.locator('[data-id="subscription-end-sub-1"] a').click();
  await page.waitForURL(/\/benefits\/azure-cloud\/subscriptions\/sub-1$/);
  const row = page.locator('tr[data-subscription="sub-1"]');
  await row.waitFor();
  assert.equal(await row.getAttribute('aria-current'), 'true');
  assert.equal(await page.locator('#side-nav [aria-current="page"]').innerText(), 'Azure & Cloud');

  assert.deepEqual(page.errors, []);
});

test('the timeline picture has a mark per upcoming date and a text alternative', async () => {
  const page = await open();
  const svg = page.locator('svg.calendar-timeline');
  assert.equal(await svg.getAttribute('role'), 'img');
  const upcoming = (await entries(page, 'next-90-days')).length + (await entries(page, 'later')).length;
  assert.equal(await svg.locator('.calendar-mark').count(), upcoming);
  const desc = await svg.locator('desc').textContent();
  assert.match(desc, /^Timeline from 20 November 2026 to 20 November 2027: 8 dates\./);
  assert.match(desc, /20 January 2027 — Subscription ends: Microsoft 365 Business Premium/);
  await h.screenshot(page, 'calendar-desktop');
  assert.deepEqual(page.errors, []);
});

test('the filter by kind shows one kind of date, and all again', async () => {
  const page = await open();
  const filter = page.getByLabel('Show');
  assert.equal(await filter.count(), 1, 'a labelled select');
  const before = await allIds(page);
  await filter.selectOption('vs_reassignment_allowed');
  await page.waitForFunction(() => [...document.querySelectorAll('.calendar-entry')].every((e) => e.dataset.kind === 'vs_reassignment_allowed'));
  assert.deepEqual(await allIds(page), ['vs-reassignment-allowed-vs-1', 'vs-reassignment-allowed-vs-2']);
  assert.match(await page.locator('[data-section="later"]').innerText(), /Nothing later/);
  assert.equal(await page.locator('svg.calendar-timeline .calendar-mark').count(), 1);
  // The file holds what is listed.
  const text = await download(page);
  assert.equal(text.match(/BEGIN:VEVENT\r\n/g).length, 2);

  await filter.selectOption('subscription_end');
  await page.waitForFunction(() => [...document.querySelectorAll('.calendar-entry')].every((e) => e.dataset.kind === 'subscription_end'));
  assert.deepEqual(await allIds(page), ['subscription-end-sub-1', 'subscription-end-sub-2']);

  await filter.selectOption('all');
  await page.waitForFunction((n) => document.querySelectorAll('.calendar-entry').length === n, before.length);
  assert.deepEqual(await allIds(page), before);
  assert.deepEqual(page.errors, []);
});

test('the download is a valid .ics: one event per listed date, a reminder 30 days before, CRLF', async () => {
  const page = await open();
  const listed = await page.locator('.calendar-entry').evaluateAll((els) => els.map((e) => ({
    id: e.dataset.id,
    date: e.querySelector('time').getAttribute('datetime').replaceAll('-', ''),
  })));
  const text = await download(page);
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), text.slice(0, 80));
  assert.ok(text.endsWith('END:VCALENDAR\r\n'));
  assert.ok(!/[^\r]\n/.test(text), 'every line ends in CRLF');
  for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  const events = unfolded.split('BEGIN:VEVENT\r\n').slice(1);
  assert.equal(events.length, listed.length, 'one VEVENT per listed date');
  assert.equal((unfolded.match(/TRIGGER:-P30D\r\n/g) ?? []).length, listed.length);
  // The file is in date order (the page lists the next 90 days first): match by UID.
  const byId = new Map(listed.map((e) => [e.id, e.date]));
  const uids = events.map((event) => {
    const id = event.match(/^UID:([^@\r]+)@partner-benefits-workspace\r\n/)?.[1];
    assert.ok(byId.has(id), `${id} is listed`);
    assert.match(event, new RegExp(`\r\nDTSTART;VALUE=DATE:${byId.get(id)}\r\n`));
    assert.match(event, /\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n/);
    return id;
  });
  assert.deepEqual([...uids].sort(), [...byId.keys()].sort(), 'every listed date, once');
  const starts = events.map((event) => event.match(/DTSTART;VALUE=DATE:(\d{8})/)[1]);
  assert.deepEqual(starts, [...starts].sort(), 'in date order');
  assert.match(unfolded, /X-WR-CALNAME:Partner benefits — Contoso Partners Ltd\r\n/);
  assert.match(unfolded, /SUMMARY:Subscription ends: Microsoft 365 Business Premium \(sub-1\)\r\n/);
  assert.match(unfolded, /DTSTAMP:20261120T100000Z\r\n/);
  assert.deepEqual(page.errors, []);
});

test('in French: headings, dates, kinds and the file', async () => {
  const page = await open({ lang: 'fr' });
  assert.equal(await page.getByRole('heading', { level: 2, name: /Dans les 90 prochains jours/ }).count(), 1);
  assert.equal(await page.getByRole('heading', { level: 2, name: /Plus tard/ }).count(), 1);
  assert.equal(await page.getByRole('heading', { level: 2, name: /Récemment passées/ }).count(), 1);
  const m365 = page.locator('[data-id="subscription-end-sub-1"]');
  const text = await m365.innerText();
  assert.match(text, /20 janvier 2027/);
  assert.match(text, /dans 61\u00a0jours/);
  assert.match(text, /Fin d'abonnement/);
  assert.equal(await page.getByLabel('Afficher').count(), 1);
  assert.match(await page.locator('svg.calendar-timeline desc').textContent(), /^Frise du 20 novembre 2026 au 20 novembre 2027/);
  const file = (await download(page)).replace(/\r\n[ \t]/g, '');
  assert.match(file, /SUMMARY:Fin d'abonnement\u00a0: Microsoft 365 Business Premium \(sub-1\)\r\n/);
  assert.match(file, /X-WR-CALNAME:Avantages partenaire — Contoso Partners Ltd\r\n/);
  await h.screenshot(page, 'calendar-fr');
  assert.deepEqual(page.errors, []);
});

test('the calendar is readable on a 360 px wide screen', async () => {
  const page = await open({ viewport: { width: 360, height: 800 } });
  await noHorizontalScroll(page);
  const box = await page.locator('svg.calendar-timeline').boundingBox();
  assert.ok(box.width <= 360 && box.width > 250, JSON.stringify(box));
  await h.screenshot(page, 'calendar-mobile');
  assert.deepEqual(page.errors, []);
});

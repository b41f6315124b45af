// From a change to the screen: how long the projector board (1920×1080)
// and the console (1280×800), open in Chromium, take to show a change made
// by another device: posts during silent writing, phase changes, dots
// during the vote, the mine in focus during the triage. The time runs from
// just before the change is sent to the first frame after the page shows
// it. Also counts the views that reloaded instead of updating in place.
// Reports figures; asserts nothing.
// Usage: node bench/screen.mjs BASE_URL [POSTS]
import { createRequire } from 'node:module';
import { cookieOf, must, pct, startWorkshop } from './workshop.mjs';

const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const { chromium } = require('@playwright/test');
const [BASE, POSTS = '40'] = process.argv.slice(2);
const GUESTS = 4;

const { admin, workshop, code } = await startWorkshop(BASE);
const guests = [];
for (let i = 0; i < GUESTS; i++) {
  guests.push(cookieOf((await must(BASE, null, 'join_workshop', { code, name: `Personne ${i}` })).response, 'demineurs_guest'));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const [name, value] = admin.split('=');
async function view(path, viewport) {
  const context = await browser.newContext({ viewport, locale: 'fr-FR' });
  await context.addCookies([{ name, value, url: BASE }]);
  const page = await context.newPage();
  await page.goto(new URL(path, BASE).href);
  await page.locator('.live-pulse[data-ready="true"]').waitFor({ state: 'attached' });
  await page.evaluate(() => {
    window.stayed = true;
    window.watches = {};
    // Resolves with the time of the first frame where `selector`'s text
    // matches `pattern`.
    window.watch = (key, selector, pattern) => {
      window.watches[key] = new Promise((resolve) => {
        const seen = () => [...document.querySelectorAll(selector)].some((e) => new RegExp(pattern).test(e.textContent));
        const done = () => requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
        if (seen()) return done();
        const observer = new MutationObserver(() => {
          if (seen()) { observer.disconnect(); done(); }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
    };
  });
  return page;
}
const board = await view(`/ateliers/${workshop}/tableau`, { width: 1920, height: 1080 });
const console_ = await view(`/ateliers/${workshop}/console`, { width: 1280, height: 800 });

const delays = {};
/// Runs `change` and records, per view, how long until it shows `pattern`.
async function measure(kind, targets, change) {
  let n = 0;
  for (const [page, selector, pattern] of targets) {
    await page.evaluate(([k, s, p]) => window.watch(k, s, p), [`${kind}${n++}`, selector, pattern]);
  }
  const sent = Date.now();
  await change();
  n = 0;
  for (const [page] of targets) {
    const shown = await page.evaluate((k) => Promise.race([window.watches[k], new Promise((r) => setTimeout(() => r(null), 10_000))]), `${kind}${n++}`);
    const label = `${kind} on the ${page === board ? 'board' : 'console'}`;
    (delays[label] ||= []).push(shown === null ? Infinity : shown - sent);
  }
}
const next = (from) => must(BASE, admin, 'next_phase', { workshop_id: workshop, from, minutes: '' });
const bothPhases = (label) => [[board, '.phase', label], [console_, '.phase', label]];

await measure('phase', bothPhases('Écriture'), () => next('pitch'));
for (let i = 1; i <= Number(POSTS); i++) {
  await measure('post', [[board, '.board-counts', `· ${i} contribution`], [console_, '#tally-title', `^${i} contribution`]], () =>
    must(BASE, guests[i % GUESTS], 'post_live', { request_id: crypto.randomUUID(), workshop_id: workshop, started_in: 'writing',
      kind: 'mine', domain_id: '1', severity: 'serious', body: `Mine du banc n° ${i} .` }));
}
await measure('phase', bothPhases('Dévoilement'), () => next('writing'));
await measure('phase', bothPhases('Vote'), () => next('reveal'));
let dots = 0;
for (const guest of guests) {
  for (let d = 0; d < 3; d++) {
    dots += 1;
    await measure('dot', [[board, '.card', `^.*Mine du banc n° 1 \\..*\\b${dots} point`]], () =>
      must(BASE, guest, 'place_dot', { workshop_id: workshop, contribution_id: '1', add: 'true' }));
  }
}
await measure('phase', bothPhases('Tri'), () => next('vote'));
for (let i = 2; i <= Math.min(21, Number(POSTS)); i++) {
  await measure('focus', [[board, '.board-focus', `Mine du banc n° ${i} \\.`]], () =>
    must(BASE, admin, 'show_on_board', { workshop_id: workshop, focus: String(i) }));
}

const reloaded = [];
const fetches = {};
for (const [label, page] of [['board', board], ['console', console_]]) {
  if (!(await page.evaluate(() => window.stayed === true))) reloaded.push(label);
  // The page fetched again by each update: its share of the delay.
  fetches[label] = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.name === location.href).map((e) => e.responseEnd - e.startTime));
}
await browser.close();

const f = (v) => (Number.isFinite(v) ? `${v.toFixed(0)} ms` : 'not shown');
const all = [];
console.log('| Change → screen | n | p50 | p95 | max |');
console.log('|---|---|---|---|---|');
for (const [label, values] of Object.entries(delays)) {
  all.push(...values);
  console.log(`| ${label} | ${values.length} | ${f(pct(values, 0.5))} | ${f(pct(values, 0.95))} | ${f(Math.max(...values))} |`);
}
console.log(`| all | ${all.length} | ${f(pct(all, 0.5))} | ${f(pct(all, 0.95))} | ${f(Math.max(...all))} |`);
for (const [label, values] of Object.entries(fetches)) {
  console.log(`${label}: ${values.length} page fetches, p50 ${f(pct(values, 0.5))}, p95 ${f(pct(values, 0.95))}`);
}
console.log(`views reloaded instead of updating in place: ${reloaded.length ? reloaded.join(', ') : 'none'}`);

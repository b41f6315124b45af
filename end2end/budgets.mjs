// Page-weight budgets, measured on the release build in Debian's Chromium.
// For every main page, at 1920x1080 and 390x844:
//   - EcoIndex through ecoindex.mjs (the published method) >= 85,
//   - first-load transfer <= 100 KB (from the same measurement),
//   - repeat visit (same browser, warm cache) <= 15 KB transferred,
//   - the wasm loaded <= 60 KB on every page but the workshop's live ones
//     (the phone, the board, the console), which load a wasm of their own
//     (the phone's, the facilitator's: about 80 KB), held <= 85 KB.
// Exits 1 when a budget is exceeded. Usage: node budgets.mjs BASE_URL
import { measure } from './ecoindex.mjs';
import { adminCookie, mainRoutes, needsSignIn, samplePath, seededPages } from './pages.mjs';
import { chromium } from 'playwright-core';

const BASE = process.argv[2] || 'http://127.0.0.1:3000';
const FIRST_LOAD_KB = 100;
const LIVE_WORKSHOP_WASM_KB = 85;
const REPEAT_KB = 15;
const MIN_SCORE = 85;
const GENERAL_WASM_KB = 60;
const VIEWPORTS = [[1920, 1080], [390, 844]];
const liveWorkshopPage = (p) => /^\/ateliers\/[^/]+(\/(tableau|console))?\/?$/.test(p);
const wasmLimit = (p) => (liveWorkshopPage(p) ? LIVE_WORKSHOP_WASM_KB : GENERAL_WASM_KB);

// The main pages: every route of the router (routes.json, from `demineurs routes`),
// parameters given a sample value; signed-in pages measured as the test
// administrator (scripts/test.sh creates it).
const pages = [...mainRoutes().map(samplePath), ...seededPages()];

const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

/** Bytes that crossed the network on a second visit with a warm cache. */
async function repeatVisitKB(browser, url, [width, height], cookie) {
  const context = await browser.newContext({ viewport: { width, height } });
  if (cookie) {
    const [name, ...rest] = cookie.split('=');
    await context.addCookies([{ name, value: rest.join('='), url }]);
  }
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  await context.close();
  return bytes / 1000;
}

const cookie = pages.some(needsSignIn) ? await adminCookie(BASE) : null;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: launchArgs });
const failures = [];
const rows = [];
for (const p of pages) {
  for (const viewport of VIEWPORTS) {
    const url = new URL(p, BASE).toString();
    const needsAdmin = needsSignIn(p);
    const eco = await measure(browser, url, viewport, needsAdmin ? cookie : null);
    const repeat = await repeatVisitKB(browser, url, viewport, needsAdmin ? cookie : null);
    const row = { page: p, viewport: viewport.join('x'), score: +eco.exactScore.toFixed(1), grade: eco.grade, dom: eco.dom,
      requests: eco.requests, firstLoadKB: eco.sizeKB, wasmKB: eco.wasmKB, repeatKB: +repeat.toFixed(1) };
    rows.push(row);
    if (eco.status !== 200) failures.push(`${p} @${row.viewport}: answered ${eco.status}, not 200`);
    // The exact score: 84.6 shows as 85 but is below it.
    if (!(eco.exactScore >= MIN_SCORE)) failures.push(`${p} @${row.viewport}: EcoIndex ${eco.exactScore.toFixed(2)} (${eco.grade}), needs >= ${MIN_SCORE}`);
    if (eco.sizeKB > FIRST_LOAD_KB) failures.push(`${p} @${row.viewport}: first load ${eco.sizeKB} KB > ${FIRST_LOAD_KB} KB`);
    if (eco.wasmKB > wasmLimit(p)) failures.push(`${p} @${row.viewport}: wasm ${eco.wasmKB} KB > ${wasmLimit(p)} KB`);
    if (repeat > REPEAT_KB) failures.push(`${p} @${row.viewport}: repeat visit ${repeat.toFixed(1)} KB > ${REPEAT_KB} KB`);
  }
}
await browser.close();
console.table(rows);
if (failures.length) {
  console.error(`BUDGETS EXCEEDED:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`budgets: ${rows.length} page measurements within limits (EcoIndex >= ${MIN_SCORE}, first load <= ${FIRST_LOAD_KB} KB, general wasm <= ${GENERAL_WASM_KB} KB, a live workshop page's <= ${LIVE_WORKSHOP_WASM_KB} KB, repeat <= ${REPEAT_KB} KB)`);

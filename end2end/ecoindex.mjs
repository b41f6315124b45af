// EcoIndex of a page, from the published method (cnumr/ecoindex,
// https://www.ecoindex.fr/comment-ca-marche/): three measures of the page
// once loaded and scrolled, each placed on the distribution of 500,000
// pages of the HTTP Archive, weighted 3 (DOM), 2 (requests) and 1 (KB).
//
//   score = 100 - 5 * (3 * q(DOM nodes) + 2 * q(requests) + q(KB transferred)) / 6
//   grade: A above 80, B above 70, C above 55, D above 40, E above 25, F above 10, else G
//
// `score`, `grade` and `quantile` are pure (ecoindex.test.mjs checks them
// against the reference values); `measure` loads a page in a browser the
// caller launched (playwright-core) the way the reference scraper does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/// The quantile tables of the method: q(value) is the position of the value
/// among these 21 bounds (0 to 20), interpolated between two bounds.
export const QUANTILES = Object.freeze({
  dom: Object.freeze([0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237, 1459, 1801,
    2479, 594601]),
  requests: Object.freeze([0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281, 3920]),
  kb: Object.freeze([0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32, 1648.27,
    1876.08, 2142.06, 2465.37, 2866.31, 3401.59, 4155.73, 5400.08, 8037.54, 223212.26]),
});

/// The position of `value` in `table`: i + the fraction of the way from
/// table[i] to table[i + 1], for the first bound above the value; the last
/// index (20) at or beyond the last bound.
export function quantile(table, value) {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`EcoIndex: a measure must be a number >= 0, not ${value}`);
  }
  for (let upper = 1; upper < table.length; upper++) {
    if (value < table[upper]) {
      const lower = upper - 1;
      return lower + (value - table[lower]) / (table[upper] - table[lower]);
    }
  }
  return table.length - 1;
}

/// The EcoIndex (0 to 100, unrounded) of a page with `dom` elements,
/// `requests` requests and `kb` kilobytes (1000 bytes) transferred.
export function score(dom, requests, kb) {
  const weighted = 3 * quantile(QUANTILES.dom, dom) + 2 * quantile(QUANTILES.requests, requests) + quantile(QUANTILES.kb, kb);
  return 100 - (5 * weighted) / 6;
}

const GRADES = [[80, 'A'], [70, 'B'], [55, 'C'], [40, 'D'], [25, 'E'], [10, 'F']];

/// The letter of a score: the first grade whose threshold the score exceeds.
export function grade(value) {
  for (const [threshold, letter] of GRADES) if (value > threshold) return letter;
  return 'G';
}

/// Measures `url` in a new context of `browser` (a playwright-core Browser),
/// as the reference scraper does: the viewport given ([width, height]), load,
/// wait 3 s, ArrowDown, scroll to the bottom, wait 3 s; DOM = every element
/// except those inside an <svg>; requests and bytes transferred from the
/// context's HAR. `cookie` ("name=value") signs the context in, if given.
/// Returns { url, status, dom, requests, sizeKB, wasmKB (the part that was
/// wasm), score (rounded), exactScore, grade }.
export async function measure(browser, url, [width, height] = [1920, 1080], cookie = null) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecoindex-'));
  const har = path.join(dir, 'page.har');
  try {
    const context = await browser.newContext({ viewport: { width, height }, recordHar: { path: har, content: 'omit' } });
    let status;
    let dom;
    try {
      if (cookie) {
        const at = cookie.indexOf('=');
        await context.addCookies([{ name: cookie.slice(0, at), value: cookie.slice(at + 1), url }]);
      }
      const page = await context.newPage();
      const response = await page.goto(url, { waitUntil: 'load' });
      status = response ? response.status() : 0;
      await page.waitForTimeout(3000);
      await page.keyboard.press('ArrowDown');
      await page.evaluate(() => window.scrollTo({ top: document.body.scrollHeight, behavior: 'smooth' }));
      await page.waitForTimeout(3000);
      dom = (await page.locator('*').count()) - (await page.locator("//*[local-name()='svg']//*").count());
    } finally {
      // The HAR is written when its context closes.
      await context.close();
    }
    const entries = JSON.parse(fs.readFileSync(har, 'utf8')).log.entries;
    const transferred = (list) => list.reduce((sum, entry) => sum + Math.max(0, entry.response._transferSize ?? 0), 0);
    const sizeKB = transferred(entries) / 1000;
    const wasmKB = transferred(entries.filter((entry) => new URL(entry.request.url).pathname.endsWith('.wasm'))) / 1000;
    const exact = score(dom, entries.length, sizeKB);
    return { url, status, dom, requests: entries.length, sizeKB: +sizeKB.toFixed(1), wasmKB: +wasmKB.toFixed(1), score: Math.round(exact), exactScore: exact, grade: grade(exact) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

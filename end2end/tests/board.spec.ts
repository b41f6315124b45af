import type { Browser, Page, TestInfo } from '@playwright/test';
import { test, expect } from './fixtures';
import { api, axeClean, PASSWORD } from './journey';
import { OwnServer } from './own-server';

// The projector board fills the wall: at 1920×1080 and 1280×720, with 0,
// 12, 60 and 72 contributions (two pages), in every phase and with a mine
// in focus, nothing scrolls, every card is on the screen, and no text is
// smaller than 18 px at 1080p. Screenshots go to the run's output folder
// (test-results/, not tracked).

const SIZES = [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }];
const WORDS = 'Le service juridique doit valider la convention avant toute diffusion aux agents concernés par le dispositif';

/// A mine's text, long for one in three, so that the cards' clamping is tried.
function mineText(n: number) {
  const base = `Mine n° ${n} : ${WORDS.split(' ').slice(0, 6 + (n % 9)).join(' ')}.`;
  return n % 3 === 0 ? `${base} ${WORDS}. ${WORDS}. ${WORDS}.` : base;
}

/// Camille (administrator, author) with a published idea, a live round
/// calling four domains, and its workshop started; returns the join code.
async function startedWorkshop(page: Page, server: OwnServer) {
  await api(page, server, 'complete_setup', { token: server.token, organisation: 'Ville de Nantes', display_name: 'Camille Martin',
    email: 'camille@nantes.fr', password: PASSWORD });
  const created = await api(page, server, 'create_idea', { request_id: crypto.randomUUID(), title: 'Covoiturage entre agents',
    problem: 'Les parkings débordent chaque matin.' });
  const ideaPath = created.headers()['location'].split('/modifier')[0];
  const id = ideaPath.split('/').pop() as string;
  await api(page, server, 'save_idea', { request_id: crypto.randomUUID(), idea_id: id, revision: '1', title: 'Covoiturage entre agents',
    problem: 'Les parkings débordent chaque matin et les agents arrivent en retard.', proposal: 'Une plateforme interne de covoiturage entre agents des différents sites.',
    beneficiaries: 'Les agents', help_sought: '', tags: 'mobilité', publish: '1' });
  const form = new URLSearchParams({ request_id: crypto.randomUUID(), idea_id: id, focus: 'Qu’est-ce qui peut coincer ?', mode: 'live',
    deadline: '', invitees: '' });
  for (const d of ['1', '2', '3', '5']) form.append('domains[]', d);
  const opened = await page.request.post(`${server.url}/api/open_round`, { data: form.toString(), maxRedirects: 0,
    headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(opened.status()).toBeLessThan(400);
  await page.goto(`${server.url}${ideaPath}`);
  await page.getByRole('button', { name: 'Ouvrir la console de l’atelier' }).click();
  const text = await page.getByText(/Code de l’atelier [A-Z2-9]{6}/).first().innerText();
  return /([A-Z2-9]{6})/.exec(text.replace('Code de l’atelier', ''))![1];
}

/// Six guests joined by code, each with its own cookies.
async function guests(browser: Browser, server: OwnServer, code: string) {
  const pages: Page[] = [];
  for (const name of ['Lou', 'Sam', 'Noé', 'Inès', 'Jade', 'Paul']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await api(page, server, 'join_workshop', { code, name });
    pages.push(page);
  }
  return pages;
}

/// Posts mines `from`..`to` (exclusive), spread over the guests and domains.
async function post(phones: Page[], server: OwnServer, from: number, to: number) {
  const domains = ['1', '2', '3', '5', '7'];
  const severities = ['blocking', 'serious', 'watch'];
  for (let n = from; n < to; n++) {
    await api(phones[n % phones.length], server, 'post_live', { request_id: crypto.randomUUID(), workshop_id: '1', started_in: 'writing',
      kind: 'mine', domain_id: domains[n % domains.length], severity: severities[n % 3], body: mineText(n) });
  }
}

/// The next phase, reached and pressed with the keyboard alone (from the
/// top of the page).
async function next(console: Page, name: string) {
  // From the page's first link (a console answer may have moved the
  // keyboard's starting point below the phase controls).
  await console.evaluate(() => document.querySelector<HTMLElement>('a[href]')?.focus());
  await pressByKeyboard(console, `Passer à la phase : ${name}`);
  await expect(console.locator('.phase')).toContainText(name, { timeout: 10_000 });
}

/// Nothing scrolls, every card and corner is on the screen, and the
/// smallest visible text (screen-reader-only text aside) is returned.
async function layout(board: Page) {
  return board.evaluate(() => {
    const root = document.documentElement;
    const outside = [...document.querySelectorAll('.card, .board-head, .board-join, .tally-domains li, .board-focus')]
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.top < -1 || r.left < -1 || r.bottom > innerHeight + 1 || r.right > innerWidth + 1).length;
    let smallest = Infinity;
    for (const e of document.querySelectorAll('main *')) {
      const own = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      const r = e.getBoundingClientRect();
      if (!own || !e.checkVisibility() || r.width <= 1 || r.height <= 1) continue;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(e).fontSize));
    }
    return { scrolls: root.scrollHeight > innerHeight || root.scrollWidth > innerWidth, outside, smallest };
  });
}

/// The console's common actions (next phase, timer, joining, what the
/// board shows) and the silent tally are on a laptop's first screen
/// (1280×800) without scrolling; photographed.
async function consoleFits(console: Page, info: TestInfo, shot: string) {
  await console.evaluate(() => window.scrollTo(0, 0));
  const { width, height } = console.viewportSize()!;
  expect(width * 1000 + height).toBe(1280 * 1000 + 800);
  const off = await console.evaluate(() => [...document.querySelectorAll(
    '.console-top button.big, .console-top [role="group"] button, .console-joining button, #au-tableau button, #au-tableau select, #tally-title')]
    .filter((e) => { const r = e.getBoundingClientRect(); return r.top < 0 || r.bottom > innerHeight; })
    .map((e) => e.textContent!.trim()));
  await console.screenshot({ path: info.outputPath(`console-${shot}-1280x800.png`) });
  expect(off, `${shot}: console actions below the first screen`).toEqual([]);
}

/// Presses Tab until the focused control's name contains `name` (a
/// keyboard-only user reaching it), then Enter.
async function pressByKeyboard(console: Page, name: string) {
  for (let i = 0; i < 120; i++) {
    await console.keyboard.press('Tab');
    const focused = await console.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused.includes(name)) return console.keyboard.press('Enter');
  }
  throw new Error(`${name}: not reached with the keyboard`);
}

/// At both sizes: fits, large enough at 1080p, axe-clean, photographed.
async function fitsTheWall(boards: Page[], info: TestInfo, shot: string, cards: number) {
  for (const board of boards) {
    // The board follows the room by itself; let its own reloads after a
    // burst of posts settle, then load it once more to measure.
    await expect(board.locator('.card:visible')).toHaveCount(cards, { timeout: 10_000 });
    await board.waitForTimeout(1000);
    await board.goto(board.url());
    await expect(board.locator('.card:visible')).toHaveCount(cards);
    const { width, height } = board.viewportSize()!;
    const seen = await layout(board);
    await board.screenshot({ path: info.outputPath(`board-${shot}-${width}x${height}.png`) });
    expect(seen.scrolls, `${shot} at ${width}×${height} scrolls`).toBe(false);
    expect(seen.outside, `${shot} at ${width}×${height}: boxes off the screen`).toBe(0);
    if (height === 1080) expect(seen.smallest, `${shot}: smallest text`).toBeGreaterThanOrEqual(18);
  }
  await axeClean(boards[0]);
}

test('the projector board fills the wall in every phase with 0, 12, 60 and 72 contributions, a mine in focus for the triage', { tag: '@desktop-js' }, async ({ page, browser, problems }, info) => {
  test.setTimeout(240_000);
  const server = await OwnServer.start();
  const contexts: { close: () => Promise<void> }[] = [];
  try {
    const code = await startedWorkshop(page, server);
    const boards: Page[] = [];
    for (const viewport of SIZES) {
      const projector = await browser.newContext({ viewport, locale: 'fr-FR' });
      contexts.push(projector);
      const board = await projector.newPage();
      board.on('pageerror', (e) => problems.push(`board: ${e.message}`));
      board.on('console', (m) => { if (m.type() === 'error') problems.push(`board console: ${m.text()}`); });
      await api(board, server, 'log_in', { email: 'camille@nantes.fr', password: PASSWORD });
      await board.goto(`${server.url}/ateliers/1/tableau`);
      boards.push(board);
    }
    // No site frame: no navigation, no footer; the code in large type.
    await expect(boards[0].getByRole('navigation')).toHaveCount(0);
    await expect(boards[0].locator('.join-code strong')).toHaveText(code);
    await fitsTheWall(boards, info, 'pitch-0', 0);
    await consoleFits(page, info, 'pitch');

    const phones = await guests(browser, server, code);
    await next(page, 'Écriture silencieuse');
    await post(phones, server, 0, 12);
    // Silent writing: who wrote and how many per domain, never a text.
    await fitsTheWall(boards, info, 'writing-12', 0);
    await expect(page.getByRole('heading', { name: '12 contribution(s) reçue(s)' })).toBeVisible();
    await consoleFits(page, info, 'writing');
    await expect(boards[0].getByRole('heading', { name: 'Ont écrit (6)' })).toBeVisible();
    await expect(boards[0].locator('.tally-domains li', { hasText: 'Juridique' })).toContainText('3');
    expect(await boards[0].content()).not.toContain('Mine n° ');

    await next(page, 'Dévoilement');
    await fitsTheWall(boards, info, 'reveal-12', 12);
    // Late posts are taken until the reveal ends: 60 in all.
    await post(phones, server, 12, 60);
    await fitsTheWall(boards, info, 'reveal-60', 60);
    await consoleFits(page, info, 'reveal');
    // Beyond one screen, the console pages through the cards.
    await post(phones, server, 60, 72);
    await page.reload();
    await expect(page.getByText('Page 1 / 2')).toBeVisible();
    await expect(boards[0].getByText('Page 1 / 2')).toBeVisible({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Page suivante du tableau' }).click();
    await expect(page.getByText('Page 2 / 2')).toBeVisible();
    await fitsTheWall(boards, info, 'reveal-72-page-2', 12);
    await page.getByRole('button', { name: 'Page précédente du tableau' }).click();
    await expect(page.getByText('Page 1 / 2')).toBeVisible();

    await next(page, 'Vote par points');
    for (const [i, phone] of phones.entries()) {
      for (const target of [7 + i, 5, 5]) {
        await api(phone, server, 'place_dot', { workshop_id: '1', contribution_id: String(target), add: 'true' });
      }
    }
    await fitsTheWall(boards, info, 'vote-60', 60);
    await consoleFits(page, info, 'vote');
    // The most dotted mine comes first, its bar full, its count said in words.
    await expect(boards[0].locator('.card').filter({ hasText: 'Mine n° 4 :' })).toContainText('12 points');

    await next(page, 'Tri en direct');
    await fitsTheWall(boards, info, 'triage-60', 60);
    await consoleFits(page, info, 'triage');
    // One mine at a time in focus, chosen at the console with the keyboard
    // alone: the most dotted first, then the next; then all again.
    await pressByKeyboard(page, 'Mine suivante au tableau (#5)');
    await expect(page.locator('#c-5')).toContainText('Au tableau en ce moment');
    await consoleFits(page, info, 'triage-focus');
    await fitsTheWall(boards, info, 'triage-focus', 0);
    await expect(boards[0].locator('.board-focus')).toContainText('Mine n° 4 :');
    await expect(boards[0].locator('.board-focus')).toContainText('12 points');
    await page.getByRole('button', { name: 'Mine suivante au tableau (#7)' }).click();
    await expect(boards[0].locator('.board-focus')).toContainText('Mine n° 6 :', { timeout: 10_000 });
    // Or any mine, from the list.
    await page.getByLabel('Mine à montrer seule').selectOption('20');
    await page.getByRole('button', { name: 'Montrer au tableau', exact: true }).click();
    await expect(boards[0].locator('.board-focus')).toContainText('Mine n° 19 :', { timeout: 10_000 });
    await page.getByRole('button', { name: 'Revenir à toutes les mines' }).click();
    await expect(boards[0].locator('.card')).toHaveCount(60, { timeout: 10_000 });

    // The end: the board keeps the final state on the wall.
    await page.getByLabel(/Je confirme la fin de l’atelier/).check();
    await page.getByRole('button', { name: 'Terminer l’atelier' }).click();
    await expect(boards[0].locator('.phase')).toContainText('Atelier terminé', { timeout: 10_000 });
    await fitsTheWall(boards, info, 'ended-60', 60);
    // On paper, the final state holds every card of the 72, on one or two A4 pages.
    await boards[0].emulateMedia({ media: 'print' });
    await expect(boards[0].locator('.card:visible')).toHaveCount(72);
    await boards[0].emulateMedia({ media: 'screen' });
    const pdf = await boards[0].pdf({ format: 'A4' });
    const printed = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    expect(printed, 'A4 pages for 72 cards').toBeGreaterThanOrEqual(1);
    expect(printed, 'A4 pages for 72 cards').toBeLessThanOrEqual(2);
    for (const phone of phones) await phone.context().close();
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await server.stop();
  }
});

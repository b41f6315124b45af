import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { api, axeClean, PASSWORD } from './journey';
import { OwnServer } from './own-server';
import { liveRound, nextPhase, phone, startFromIdea } from './room';

// The two optional steps, chosen when the workshop starts: grouping
// duplicates after the reveal, seeking ways around the top mines after the
// vote. A console, a projector and three phones (one without JavaScript).
const NORTH = 'Le parking du site nord est saturé le lundi.';
const MONDAY = 'Plus aucune place de parking le lundi matin.';
const DATA = 'Les données de trajet sont des données personnelles.';
const RELAY = 'Un parking relais à la gare, avec une navette.';
const BIKES = 'Des vélos de service pour le dernier kilomètre.';

async function join(p: Page, url: string, code: string, name: string) {
  await p.goto(`${url}/rejoindre/${code}`);
  await p.getByLabel('Votre nom', { exact: true }).fill(name);
  await p.getByRole('button', { name: 'Rejoindre l’atelier' }).click();
  await expect(p.getByText(`${name} (invité·e)`)).toBeVisible();
}

async function post(p: Page, text: string) {
  await p.getByLabel('Type de contribution', { exact: true }).selectOption({ label: 'Mine' });
  await p.getByLabel('Votre contribution', { exact: true }).fill(text);
  await p.getByRole('button', { name: 'Envoyer ma contribution' }).click();
  await expect(p.locator('.sent-note')).toContainText(text);
}

test('grouping duplicates and seeking ways around, from the console, the board and three phones', { tag: '@desktop-js' }, async ({ page, browser, problems }, info) => {
  test.setTimeout(240_000);
  const shoot = (p: Page, name: string) => p.screenshot({ path: info.outputPath(`${name}.png`) });
  const server = await OwnServer.start();
  const contexts: { close: () => Promise<void> }[] = [];
  try {
    const ideaUrl = await liveRound(page, server);
    const code = await startFromIdea(page, ideaUrl, [/Regrouper les doublons/, /Chercher des pistes/]);
    const projector = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'fr-FR' });
    contexts.push({ close: () => projector.close() });
    const board = await projector.newPage();
    await api(board, server, 'log_in', { email: 'camille@nantes.fr', password: PASSWORD });
    await board.goto(`${server.url}/ateliers/1/tableau`);

    const lou = await phone(browser, true);
    const sam = await phone(browser, true);
    const ana = await phone(browser, false);
    contexts.push(lou, sam, ana);
    await join(lou.page, server.url, code, 'Lou');
    await join(sam.page, server.url, code, 'Sam');
    await join(ana.page, server.url, code, 'Ana');
    await page.reload();
    await page.getByRole('button', { name: 'Distribuer les casquettes' }).click();
    await nextPhase(page, 'Écriture silencieuse');
    await ana.page.reload();
    for (const [p, text] of [[lou.page, NORTH], [sam.page, MONDAY], [ana.page, DATA]] as const) {
      await expect(p.getByRole('heading', { name: 'À vous d’écrire' })).toBeVisible({ timeout: 10_000 });
      await post(p, text);
    }
    await nextPhase(page, 'Dévoilement');

    // Grouping: Sam says his mine is Lou's, from his phone.
    await nextPhase(page, 'Regroupement');
    await expect(sam.page.getByRole('heading', { name: 'Regroupez les doublons' })).toBeVisible({ timeout: 10_000 });
    await axeClean(sam.page);
    await sam.page.locator('.live-item', { hasText: MONDAY }).getByRole('link', { name: /Même idée que…/ }).click();
    const chooser = sam.page.locator('.same-idea-chooser');
    await expect(chooser.getByRole('heading')).toContainText(MONDAY);
    // Only the other mines of its domain are offered.
    await expect(chooser.locator('.live-item')).toHaveCount(2);
    await axeClean(sam.page);
    await chooser.locator('.live-item', { hasText: NORTH }).getByRole('button', { name: /C’est la même/ }).click();
    const group = sam.page.locator('.live-item', { hasText: NORTH });
    await expect(group.locator('.duplicates')).toContainText(MONDAY);
    await expect(group.locator('.duplicates')).toContainText('Sam (invité·e)');
    await shoot(sam.page, 'phone-grouping-390x844');
    // The board shows one card for the two, with both writers.
    const card = board.locator('.card', { hasText: NORTH });
    await expect(card).toContainText('Même idée (1) : Sam (invité·e)', { timeout: 10_000 });
    await expect(board.locator('.card')).toHaveCount(2);
    await axeClean(board);
    await shoot(board, 'board-grouping-1920x1080');
    // Ana, without JavaScript, groups hers too by plain forms; the console
    // separates it again.
    await ana.page.reload();
    await ana.page.locator('.live-item', { hasText: DATA }).getByRole('link', { name: /Même idée que…/ }).click();
    await ana.page.locator('.same-idea-chooser .live-item', { hasText: NORTH }).getByRole('button', { name: /C’est la même/ }).click();
    await expect(ana.page.locator('.live-item', { hasText: NORTH }).locator('.duplicates')).toContainText(DATA);
    await page.reload();
    const wrong = page.locator('.duplicates li', { hasText: DATA });
    await expect(wrong).toBeVisible();
    await axeClean(page);
    await wrong.getByRole('button', { name: /Séparer/ }).click();
    await expect(page.locator('.duplicates li', { hasText: DATA })).toHaveCount(0);
    await expect(page.locator('.duplicates li', { hasText: MONDAY })).toHaveCount(1);
    await expect(board.locator('.card')).toHaveCount(2, { timeout: 10_000 });

    // The vote: the dots go to the group.
    await nextPhase(page, 'Vote par points');
    await expect(lou.page.locator('.dots-left')).toContainText('3 / 3', { timeout: 10_000 });
    await lou.page.locator('.live-item', { hasText: NORTH }).getByRole('button', { name: /Ajouter un point/ }).click();
    await expect(lou.page.locator('.dots-left')).toContainText('2 / 3');
    await expect(card).toContainText('1 point', { timeout: 10_000 });

    // Ways around: the console puts the top mine on the board; the phones answer it.
    await nextPhase(page, 'Pistes de contournement');
    await expect(page.locator('#au-tableau')).toBeVisible();
    await expect(lou.page.getByText('La première mine arrive au tableau')).toBeVisible({ timeout: 10_000 });
    await page.getByRole('button', { name: /Mine suivante au tableau/ }).click();
    await expect(board.locator('.board-focus')).toContainText(NORTH, { timeout: 10_000 });
    await expect(board.locator('.board-focus')).toContainText('Même idée (1)');
    for (const [p, text] of [[lou.page, RELAY], [ana.page, BIKES]] as const) {
      if (p === ana.page) await p.reload();
      await expect(p.locator('.ways-mine')).toContainText(NORTH, { timeout: 10_000 });
      await p.getByLabel('Votre piste pour désamorcer cette mine').fill(text);
      await p.getByRole('button', { name: 'Proposer cette piste' }).click();
      await expect(p.locator('.sent-note')).toContainText(text);
    }
    await axeClean(lou.page);
    await shoot(lou.page, 'phone-ways-around-390x844');
    await expect(board.locator('.focus-answers')).toContainText(RELAY, { timeout: 10_000 });
    await expect(board.locator('.focus-answers')).toContainText(BIKES);
    await expect(board.getByText('Pistes proposées (2)')).toBeVisible();
    await axeClean(board);
    await axeClean(page);
    await shoot(board, 'board-ways-around-1920x1080');

    // The triage counts the group once; the end leads to the record.
    await nextPhase(page, 'Tri en direct');
    await expect(page.getByText('2 mine(s) encore à traiter')).toBeVisible();
    // The console hides one: its form comes alone at the top of the list.
    await page.getByRole('link', { name: /^Masquer… « Les données de trajet/ }).click();
    await axeClean(page);
    await page.getByLabel('Motif, visible de tous').fill('Hors sujet pour ce tour');
    await page.getByLabel(/Je confirme : cette contribution sera masquée/).check();
    await page.getByRole('button', { name: 'Masquer', exact: true }).click();
    await expect(page.getByText('1 mine(s) encore à traiter')).toBeVisible();
    await expect(page.locator('.live-item', { hasText: 'Hors sujet pour ce tour' })).toBeVisible();
    await page.getByLabel(/Je confirme la fin de l’atelier/).check();
    await page.getByRole('button', { name: 'Terminer l’atelier' }).click();
    await lou.page.getByRole('link', { name: 'Le compte rendu de l’atelier' }).click({ timeout: 10_000 });
    const recorded = lou.page.locator('.mine', { hasText: NORTH });
    await expect(recorded).toContainText(MONDAY);
    await expect(recorded).toContainText(RELAY);
    await expect(recorded).toContainText(BIKES);
    // On the idea's page, each way around answers its mine.
    await page.goto(ideaUrl + '?tour=1');
    const item = (text: string) => page.locator('li.contribution').filter({ has: page.locator('.idea-text', { hasText: text }) });
    await expect(item(RELAY).locator('.link-note')).toContainText(NORTH);
    await expect(item(MONDAY).locator('.link-note')).toContainText('Même idée que');
    expect([...lou.problems, ...sam.problems]).toEqual([]);
    expect(problems, 'the console').toEqual([]);
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await server.stop();
  }
});

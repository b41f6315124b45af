import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { api, axeClean, PASSWORD } from './journey';
import { OwnServer } from './own-server';
import { liveRound, nextPhase, phone, startFromIdea } from './room';

// Each test runs its own instance, on a free port: the journey changes it for good.
const ANNE_MINE = 'Les données de trajet sont des données personnelles.';
const LOU_MINE = 'Le parking du site nord est déjà saturé le lundi.';

// One run with JavaScript, four browsers at once: desktop-js only (its tag, playwright.config.ts).
test('a workshop with a console, a projector and two phones goes through every phase', { tag: '@desktop-js' }, async ({ page, browser, problems }, info) => {
  // Lou's phone photographed in each phase (the run's output folder).
  const shoot = (p: Page, phase: string) => p.screenshot({ path: info.outputPath(`phone-${phase}-390x844.png`) });
  test.setTimeout(240_000);
  const server = await OwnServer.start();
  const contexts: { close: () => Promise<void> }[] = [];
  try {
    const ideaUrl = await liveRound(page, server);
    const invited = await api(page, server, 'create_invitation', { role: 'member' });
    const token = invited.headers()['location'].split('lien=')[1];

    // The facilitator's console; the projector, signed in as her too.
    const code = await startFromIdea(page, ideaUrl);
    await axeClean(page);
    // Not in the room herself: « Vue téléphone » leads to joining, not to a refusal.
    await expect(page.getByRole('link', { name: 'Vue téléphone' })).toHaveAttribute('href', `/rejoindre/${code}`);
    const projector = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
    contexts.push({ close: () => projector.close() });
    const board = await projector.newPage();
    await api(board, server, 'log_in', { email: 'camille@nantes.fr', password: PASSWORD });
    await board.goto(`${server.url}/ateliers/1/tableau`);
    await expect(board.locator('.join-code strong')).toHaveText(code);
    await expect(board.locator('.qr svg')).toBeVisible();
    await axeClean(board);
    // The board follows the room in place: a page loaded again would lose this.
    await board.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true; });
    const stayed = (p: Page) => p.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true);

    // Anne joins with her account from the QR code's address; Lou as a guest by typing the code.
    const anne = await phone(browser, true);
    const lou = await phone(browser, true);
    contexts.push(anne, lou);
    await api(anne.page, server, 'sign_up', { token, display_name: 'Anne Juriste', email: 'anne@nantes.fr', password: PASSWORD });
    await api(anne.page, server, 'update_profile', { display_name: 'Anne Juriste', service: 'Juridique', 'domains[]': '1' });
    await api(anne.page, server, 'log_out', {});
    // Signed out, she logs in from the join page and comes back to it, the code kept.
    await anne.page.goto(`${server.url}/rejoindre/${code}`);
    await anne.page.getByRole('link', { name: 'J’ai un compte : me connecter d’abord' }).click();
    await anne.page.getByLabel('Adresse électronique').fill('anne@nantes.fr');
    await anne.page.getByLabel('Mot de passe').fill(PASSWORD);
    await anne.page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(anne.page).toHaveURL(`${server.url}/rejoindre/${code}`);
    await expect(anne.page.getByText('Vous rejoignez l’atelier en tant que Anne Juriste')).toBeVisible();
    await anne.page.getByRole('button', { name: 'Rejoindre l’atelier' }).click();
    // Lou mistypes the code: it is said when she joins (a page that merely
    // loads never looks a code up), next to the code, her name kept.
    await lou.page.goto(`${server.url}/rejoindre`);
    await lou.page.getByLabel('Code de l’atelier', { exact: true }).fill('zzzzzz');
    await lou.page.getByRole('button', { name: 'Continuer' }).click();
    await expect(lou.page.getByRole('heading', { name: 'Vos données' })).toBeVisible();
    await axeClean(lou.page);
    await lou.page.getByLabel('Votre nom', { exact: true }).fill('Lou');
    await lou.page.getByRole('button', { name: 'Rejoindre l’atelier' }).click();
    await expect(lou.page.locator('.field-error', { hasText: 'Ce code ne correspond à aucun atelier en cours' })).toBeVisible();
    await expect(lou.page.getByLabel('Votre nom', { exact: true })).toHaveValue('Lou');
    await lou.page.getByLabel('Code de l’atelier', { exact: true }).fill(code.toLowerCase());
    await lou.page.getByRole('button', { name: 'Rejoindre l’atelier' }).click();
    await expect(lou.page.getByText('Lou (invité·e)')).toBeVisible();
    await shoot(lou.page, 'pitch');
    await expect(lou.page.getByRole('heading', { name: 'L’idée' })).toBeVisible();
    await axeClean(lou.page);

    // Role cards, then silent writing: the phones follow by themselves.
    await page.reload();
    await expect(page.getByRole('cell', { name: 'Lou (invité·e)' })).toBeVisible();
    await page.getByRole('button', { name: 'Distribuer les casquettes' }).click();
    await nextPhase(page, 'Écriture silencieuse');
    // The console too, and it keeps the keyboard's place: a focused link
    // stays focused while posts arrive, and they are announced politely.
    await page.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true; });
    const boardLink = page.getByRole('link', { name: 'Tableau (projecteur)' });
    await boardLink.focus();
    for (const p of [anne.page, lou.page]) {
      await expect(p.getByRole('heading', { name: 'À vous d’écrire' })).toBeVisible({ timeout: 10_000 });
      await expect(p.getByText('Votre casquette :')).toBeVisible();
      // The phone is all task: the site's menu is folded into one button,
      // and the post button is on the first screen, without scrolling.
      await expect(p.getByRole('navigation')).toBeHidden();
      await expect(p.locator('summary', { hasText: 'Menu du site' })).toBeVisible();
      const send = await p.getByRole('button', { name: 'Envoyer ma contribution' }).boundingBox();
      expect(send!.y + send!.height, 'the post button is on the first screen').toBeLessThanOrEqual(844);
    }
    for (const [who, text] of [[anne.page, ANNE_MINE], [lou.page, LOU_MINE]] as const) {
      await who.getByLabel('Type de contribution', { exact: true }).selectOption({ label: 'Mine' });
      await who.getByLabel('Votre contribution', { exact: true }).fill(text);
      await who.getByRole('button', { name: 'Envoyer ma contribution' }).click();
      // Acknowledged: said where the eye is, with the text, and listed.
      await expect(who.locator('.sent-note')).toContainText(text);
      await expect(who.locator('.sent-note')).toBeInViewport();
      await expect(who.getByRole('heading', { name: 'Vos contributions (1)' })).toBeAttached();
      await expect(who.locator('.live-item', { hasText: text })).toHaveCount(1);
      await expect(who.locator('.pending-post')).toHaveCount(0);
    }
    await shoot(lou.page, 'writing');
    expect(await anne.page.content()).not.toContain(LOU_MINE);
    expect(await lou.page.content()).not.toContain(ANNE_MINE);
    await expect(board.getByText('2 contribution(s) reçue(s)')).toBeVisible({ timeout: 10_000 });
    expect(await board.content()).not.toContain(ANNE_MINE);
    await expect(page.getByText('2 contribution(s) reçue(s)')).toBeVisible({ timeout: 10_000 });
    await expect(page.locator('.live-status')).toContainText(/nouvelles? contributions? (est|sont) arrivées?/);
    await expect(boardLink).toBeFocused();
    expect(await stayed(page), 'the console updated without reloading').toBe(true);
    await axeClean(page);

    // The reveal: the board shows both by domain, the phones too.
    await nextPhase(page, 'Dévoilement');
    await expect(board.getByText(ANNE_MINE)).toBeVisible({ timeout: 10_000 });
    await expect(board.getByText(LOU_MINE)).toBeVisible();
    await expect(board.locator('.live-status')).toContainText('Nouvelle phase : Dévoilement');
    await expect(anne.page.getByText(LOU_MINE)).toBeVisible({ timeout: 10_000 });
    await shoot(lou.page, 'reveal');
    await axeClean(board);
    await axeClean(lou.page);
    await axeClean(page);

    // The vote: three dots each, on mines; the board counts them.
    await nextPhase(page, 'Vote par points');
    await expect(lou.page.getByRole('heading', { name: 'Votez pour les mines les plus sérieuses' })).toBeVisible({ timeout: 10_000 });
    await axeClean(lou.page);
    for (const p of [anne.page, lou.page]) {
      await expect(p.locator('.dots-left')).toContainText('3 / 3', { timeout: 10_000 });
      await p.locator('.live-item', { hasText: LOU_MINE }).getByRole('button', { name: /Ajouter un point/ }).click();
      await expect(p.locator('.dots-left')).toContainText('2 / 3');
    }
    await shoot(lou.page, 'vote');
    await expect(board.locator('.live-item', { hasText: LOU_MINE })).toContainText('2 points', { timeout: 10_000 });
    await axeClean(board);
    await axeClean(page);
    expect(await stayed(board), 'the board followed four phases without reloading').toBe(true);

    // Live triage, then the end: the phones say so, the round stays open.
    await nextPhase(page, 'Tri en direct');
    await expect(page.getByText('2 mine(s) encore à traiter')).toBeVisible();
    await expect(lou.page.locator('.phase')).toContainText('Tri en direct', { timeout: 10_000 });
    await shoot(lou.page, 'triage');
    await axeClean(lou.page);
    await axeClean(page);
    await page.getByLabel(/Je confirme la fin de l’atelier/).check();
    await page.getByRole('button', { name: 'Terminer l’atelier' }).click();
    await expect(page.locator('.phase')).toContainText('Atelier terminé');
    for (const p of [anne.page, lou.page]) {
      await expect(p.getByText(/atelier est terminé/)).toBeVisible({ timeout: 10_000 });
    }
    await shoot(lou.page, 'ended');
    await axeClean(lou.page);
    await axeClean(page);
    await expect(board.locator('.phase')).toContainText('Atelier terminé', { timeout: 10_000 });
    await axeClean(board);
    // Everyone leaves with the record, guests included.
    await lou.page.getByRole('link', { name: 'Le compte rendu de l’atelier' }).click();
    await expect(lou.page.locator('.mine', { hasText: LOU_MINE })).toContainText('2 points');
    await axeClean(lou.page);
    await page.goto(ideaUrl + '?tour=1');
    await expect(page.getByText('Lou (invité·e)').first()).toBeVisible();
    expect([...anne.problems, ...lou.problems]).toEqual([]);
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await server.stop();
  }
});

// The no-JavaScript phone: phone-nojs only.
test('without JavaScript a phone joins as a guest, posts and votes by plain forms', { tag: '@phone-nojs' }, async ({ page, browser, problems }) => {
  test.setTimeout(120_000);
  const server = await OwnServer.start();
  try {
    const ideaUrl = await liveRound(page, server);
    const code = await startFromIdea(page, ideaUrl);
    const guest = await phone(browser, false);
    try {
      await guest.page.goto(`${server.url}/rejoindre`);
      await guest.page.getByLabel('Code de l’atelier', { exact: true }).fill(code);
      await guest.page.getByRole('button', { name: 'Continuer' }).click();
      await guest.page.getByLabel('Votre nom', { exact: true }).fill('Sam');
      await guest.page.getByRole('button', { name: 'Rejoindre l’atelier' }).click();
      await expect(guest.page.getByText('Sam (invité·e)')).toBeVisible();
      await nextPhase(page, 'Écriture silencieuse');
    // The console too, and it keeps the keyboard's place: a focused link
    // stays focused while posts arrive, and they are announced politely.
    await page.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true; });
    const boardLink = page.getByRole('link', { name: 'Tableau (projecteur)' });
    await boardLink.focus();
      await guest.page.reload();
      await guest.page.getByLabel('Type de contribution', { exact: true }).selectOption({ label: 'Mine' });
      await guest.page.getByLabel('Votre contribution', { exact: true }).fill(LOU_MINE);
      // A mine names its domain: without one, the form comes back with the text and says so.
      await guest.page.getByRole('button', { name: 'Envoyer ma contribution' }).click();
      await expect(guest.page.locator('#field-domain_id-error')).toBeVisible();
      await expect(guest.page.getByLabel('Votre contribution', { exact: true })).toHaveValue(LOU_MINE);
      await guest.page.getByLabel('Casquette', { exact: true }).selectOption({ label: 'Juridique' });
      await guest.page.getByRole('button', { name: 'Envoyer ma contribution' }).click();
      await expect(guest.page.getByRole('heading', { name: 'Vos contributions (1)' })).toBeVisible();
      await expect(guest.page.locator('.live-item')).toContainText(LOU_MINE);
      await expect(guest.page.locator('.sent-note')).toContainText(LOU_MINE);
      await expect(guest.page.locator('.sent-note')).toBeInViewport();
      await nextPhase(page, 'Dévoilement');
      await nextPhase(page, 'Vote par points');
      await guest.page.reload();
      await guest.page.getByRole('button', { name: /Ajouter un point/ }).click();
      await expect(guest.page.locator('.dots-left')).toContainText('2 / 3');
    } finally {
      await guest.close().catch(() => {});
    }
  } finally {
    await server.stop();
  }
});

// One run, a projector and two phones with JavaScript: phone-js only.
test('a phone offline keeps its post and sends it once back online; a lost answer is retried and stored once', { tag: '@phone-js' }, async ({ page, browser }) => {
  test.setTimeout(180_000);
  const server = await OwnServer.start();
  const contexts: { close: () => Promise<void> }[] = [];
  const SAM_MINE = 'Les assurances ne couvrent pas le covoiturage domicile-travail.';
  try {
    const ideaUrl = await liveRound(page, server);
    const code = await startFromIdea(page, ideaUrl);
    const projector = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'fr-FR' });
    contexts.push({ close: () => projector.close() });
    const board = await projector.newPage();
    await api(board, server, 'log_in', { email: 'camille@nantes.fr', password: PASSWORD });
    await board.goto(`${server.url}/ateliers/1/tableau`);
    const lou = await phone(browser, true);
    const sam = await phone(browser, true);
    contexts.push(lou, sam);
    for (const [p, name] of [[lou.page, 'Lou'], [sam.page, 'Sam']] as const) {
      await p.goto(`${server.url}/rejoindre/${code}`);
      await p.getByLabel('Votre nom', { exact: true }).fill(name);
      await p.getByRole('button', { name: 'Rejoindre l’atelier' }).click();
      await expect(p.getByText(`${name} (invité·e)`)).toBeVisible();
    }
    await nextPhase(page, 'Écriture silencieuse');
    // The console too, and it keeps the keyboard's place: a focused link
    // stays focused while posts arrive, and they are announced politely.
    await page.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true; });
    const boardLink = page.getByRole('link', { name: 'Tableau (projecteur)' });
    await boardLink.focus();
    for (const p of [lou.page, sam.page]) {
      await expect(p.getByRole('heading', { name: 'À vous d’écrire' })).toBeVisible({ timeout: 10_000 });
    }
    await expect(board.getByText('0 contribution(s) reçue(s)')).toBeVisible({ timeout: 10_000 });

    // Lou's phone drops off the network and posts: the post waits on the phone.
    await lou.context.setOffline(true);
    await expect(lou.page.getByText(/Connexion perdue/)).toBeVisible();
    await lou.page.getByLabel('Type de contribution', { exact: true }).selectOption({ label: 'Mine' });
    await lou.page.getByLabel('Casquette', { exact: true }).selectOption({ label: 'Juridique' });
    await lou.page.getByLabel('Votre contribution', { exact: true }).fill(LOU_MINE);
    await lou.page.getByRole('button', { name: 'Envoyer ma contribution' }).click();
    await expect(lou.page.locator('.pending-post')).toContainText('Envoi en attente');
    await expect(lou.page.locator('.pending-post')).toContainText(LOU_MINE);
    await expect(lou.page.getByText(/Contributions en attente d’envoi/)).toBeVisible();
    await axeClean(lou.page);
    await lou.page.waitForTimeout(1500);
    await expect(board.getByText('0 contribution(s) reçue(s)')).toBeVisible();
    // The phone reloaded while the post still waits (the network back, the
    // server not answering yet): read back from the phone's storage, shown
    // once the page is live, then sent.
    await lou.page.route('**/api/post_live', (route) => route.abort('connectionrefused'));
    await lou.context.setOffline(false);
    await lou.page.reload();
    await expect(lou.page.locator('.live-pulse[data-ready="true"]')).toBeAttached();
    await expect(lou.page.locator('.pending-post')).toContainText(LOU_MINE);
    await expect(board.getByText('0 contribution(s) reçue(s)')).toBeVisible();
    // The server answers again: sent, listed once on the phone, counted once
    // on the board.
    await lou.page.unroute('**/api/post_live');
    await expect(lou.page.getByRole('heading', { name: 'Vos contributions (1)' })).toBeVisible({ timeout: 20_000 });
    await expect(lou.page.locator('.pending-post')).toHaveCount(0);
    await expect(board.getByText('1 contribution(s) reçue(s)')).toBeVisible({ timeout: 10_000 });

    // Sam's phone loses the network and finds it again: said once each.
    await sam.context.setOffline(true);
    await expect(sam.page.getByText(/Connexion perdue/)).toBeVisible();
    await sam.context.setOffline(false);
    await expect(sam.page.getByText(/Reconnecté/)).toBeVisible({ timeout: 15_000 });
    await expect(sam.page.getByText(/Connexion perdue/)).toHaveCount(0);

    // Sam's post reaches the server but its answer is lost: the retry
    // (same key) is acknowledged without a second row.
    let dropped = 0;
    await sam.page.route('**/api/post_live', async (route) => {
      if (dropped === 0) {
        dropped += 1;
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await sam.page.getByLabel('Type de contribution', { exact: true }).selectOption({ label: 'Mine' });
    await sam.page.getByLabel('Casquette', { exact: true }).selectOption({ label: 'Finances' });
    await sam.page.getByLabel('Votre contribution', { exact: true }).fill(SAM_MINE);
    await sam.page.getByRole('button', { name: 'Envoyer ma contribution' }).click();
    await expect(sam.page.getByRole('heading', { name: 'Vos contributions (1)' })).toBeVisible({ timeout: 20_000 });
    expect(dropped).toBe(1);
    await expect(board.getByText('2 contribution(s) reçue(s)')).toBeVisible({ timeout: 10_000 });

    // Revealed: each post once on the board, and once among the mines
    // of both phones (besides its author's own list).
    await nextPhase(page, 'Dévoilement');
    await expect(board.getByText(SAM_MINE)).toHaveCount(1, { timeout: 10_000 });
    await expect(board.getByText(LOU_MINE)).toHaveCount(1);
    for (const p of [lou.page, sam.page]) {
      await expect(p.getByRole('heading', { name: 'Les mines (2)' })).toBeVisible({ timeout: 10_000 });
      await expect(p.getByRole('heading', { name: 'Vos contributions (1)' })).toBeVisible();
    }
    expect([...lou.problems, ...sam.problems]).toEqual([]);
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    await server.stop();
  }
});

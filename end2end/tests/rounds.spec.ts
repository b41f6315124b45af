import type { Page } from '@playwright/test';
import fs from 'node:fs';
import { test, expect, jsEnabled, hydrated } from './fixtures';
import { api, axeClean, colleague } from './journey';
import { OwnServer } from './own-server';

// Each test runs its own instance, on a free port: the journey changes it for good.
const LEGAL = 'Le covoiturage crée un traitement de données personnelles.';
const MONEY = 'Aucune ligne budgétaire ne couvre la plateforme cette année.';

/// `YYYY-MM-DDTHH:MM` a week from now, as a `datetime-local` input takes it.
function inAWeek(): string {
  const d = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
}

test('open a round calling two domains, write in silence, reveal, endorse, triage, close, print the fiche', async ({ page, browser, problems }, info) => {
  test.setTimeout(180_000);
  const server = await OwnServer.start();
  const js = jsEnabled(info.project.name);
  const settle = async (p: Page) => { if (js) await hydrated(p); };
  const contexts: { close: () => Promise<void> }[] = [];
  try {
    // Camille carries the idea; Anne holds "Juridique", Paul "Finances".
    await api(page, server, 'complete_setup', { token: server.token, organisation: 'Ville de Lyon', display_name: 'Camille Martin',
      email: 'camille@lyon.fr', password: 'une phrase de passe solide' });
    const anne = await colleague(browser, info, page, server, 'Anne Juriste', 'anne@lyon.fr');
    const paul = await colleague(browser, info, page, server, 'Paul Comptable', 'paul@lyon.fr');
    contexts.push(anne, paul);
    await api(anne.page, server, 'update_profile', { display_name: 'Anne Juriste', service: 'Affaires juridiques', 'domains[]': '1' });
    await api(paul.page, server, 'update_profile', { display_name: 'Paul Comptable', service: 'Finances', 'domains[]': '2' });
    const created = await api(page, server, 'create_idea', { request_id: crypto.randomUUID(), title: 'Covoiturage entre agents',
      problem: 'Les parkings débordent chaque matin.' });
    const ideaPath = created.headers()['location'].split('/modifier')[0];
    const id = ideaPath.split('/').pop() as string;
    await api(page, server, 'save_idea', { request_id: crypto.randomUUID(), idea_id: id, revision: '1', title: 'Covoiturage entre agents',
      problem: 'Les parkings débordent chaque matin.', proposal: 'Une plateforme interne de covoiturage.',
      beneficiaries: 'Les agents des trois sites', help_sought: '', tags: 'mobilité', publish: '1' });
    const ideaUrl = `${server.url}${ideaPath}`;

    // Camille opens a round calling two domains.
    await page.goto(ideaUrl);
    await settle(page);
    await expect(page.locator('.maturity-stage')).toContainText('Graine');
    // The page opens with what to read first: stage, round, what to do.
    const summary = page.locator('.idea-summary');
    await expect(summary).toContainText('Graine');
    await expect(summary).toContainText('Aucun tour ouvert.');
    await summary.getByRole('link', { name: 'Ouvrir un tour de déminage' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouveau tour de déminage');
    await page.getByLabel('Question posée', { exact: true }).fill('Qu’est-ce qui peut empêcher le pilote ?');
    await page.getByLabel('Date limite', { exact: true }).fill(inAWeek());
    await page.getByLabel('Juridique', { exact: true }).check();
    await page.getByLabel('Finances', { exact: true }).check();
    if (js) await axeClean(page);
    await page.getByRole('button', { name: 'Ouvrir un tour de déminage' }).click();
    await expect(page.getByRole('heading', { name: 'Tour 1 — écriture silencieuse' })).toBeVisible();
    await expect(summary).toContainText('Tour 1 — écriture silencieuse · date limite');
    await expect(summary.getByRole('link', { name: 'Dévoiler le tour 1' })).toBeVisible();
    // The map tells a called domain that stayed silent from one never asked;
    // calling one nobody holds says so plainly.
    await expect(page.locator('.coverage li', { hasText: 'Juridique' })).toContainText('appelée, pas encore de réponse');
    await expect(page.locator('.coverage li', { hasText: 'Élus' })).not.toContainText('appelée');
    await page.locator('.coverage li', { hasText: 'Élus' }).getByRole('button', { name: 'Appeler Élus' }).click();
    await expect(page.locator('.coverage [role=status]')).toContainText('personne n’a été prévenu');
    await expect(page.locator('.coverage li', { hasText: 'Élus' })).toContainText('appelée, pas encore de réponse');

    // Both are told; each writes a mine without seeing the other's.
    for (const [who, domain, severity, text] of [[anne, 'Juridique', 'Bloquante', LEGAL], [paul, 'Finances', 'Sérieuse', MONEY]] as const) {
      await who.page.goto(`${server.url}/notifications`);
      await expect(who.page.getByText('Votre casquette est appelée')).toBeVisible();
      if (js && who === anne) await axeClean(who.page);
      await who.page.goto(ideaUrl);
      await who.page.locator('.idea-summary').getByRole('link', { name: 'Contribuer au tour' }).click();
      await who.page.getByLabel('Type de contribution', { exact: true }).selectOption({ label: 'Mine' });
      await who.page.getByLabel('Casquette', { exact: true }).selectOption({ label: domain });
      await who.page.getByLabel('Gravité', { exact: true }).selectOption({ label: severity });
      await who.page.getByLabel('Votre contribution', { exact: true }).fill(text);
      if (js && who === anne) await axeClean(who.page);
      await who.page.getByRole('button', { name: 'Envoyer ma contribution' }).click();
      await expect(who.page.getByText('Votre contribution est enregistrée')).toBeVisible();
      await expect(who.page.getByText(text)).toBeVisible();
    }
    await anne.page.goto(ideaUrl);
    await expect(anne.page.getByText(MONEY)).toHaveCount(0);
    expect(await anne.page.content()).not.toContain(MONEY);
    await paul.page.goto(ideaUrl);
    expect(await paul.page.content()).not.toContain(LEGAL);
    await page.goto(ideaUrl);
    await settle(page);
    await expect(summary).toContainText('2 contribution(s) reçue(s)');
    expect(await page.content()).not.toContain(LEGAL);

    // The reveal; Anne says "me too" to Paul's mine.
    await page.getByLabel(/Je confirme : toutes les contributions du tour deviennent visibles/).check();
    await page.getByRole('button', { name: 'Dévoiler maintenant' }).click();
    await expect(page.getByRole('heading', { name: 'Tour 1 — contributions dévoilées' })).toBeVisible();
    await expect(summary.getByRole('link', { name: 'Trier les mines du tour 1 (2)' })).toBeVisible();
    await anne.page.goto(ideaUrl);
    await expect(anne.page.getByText(MONEY)).toBeVisible();
    await anne.page.locator('.contribution.mine').filter({ hasText: MONEY }).getByRole('link', { name: 'Ouvrir, répondre (0)' }).click();
    const paulsMine = anne.page.url();
    if (js) await axeClean(anne.page);
    await anne.page.getByRole('button', { name: 'Moi aussi' }).click();
    await expect(anne.page).toHaveURL(paulsMine);
    await expect(anne.page.getByText('« Moi aussi » : 1')).toBeVisible();
    await expect(anne.page.getByRole('button', { name: 'Moi aussi' })).toHaveCount(0);
    // Anne proposes a way around Paul's mine; both show the link.
    const AROUND = 'Un cofinancement par la région.';
    await anne.page.getByLabel('Votre piste pour désamorcer cette mine').fill(AROUND);
    await anne.page.getByRole('button', { name: 'Proposer cette piste' }).click();
    await expect(anne.page).toHaveURL(paulsMine);
    await expect(anne.page.locator('.link-note')).toContainText('Pistes proposées');
    await expect(anne.page.locator('.link-note').getByRole('link', { name: `« ${AROUND} »` })).toBeVisible();
    await anne.page.goto(ideaUrl);
    await expect(anne.page.locator('.contribution').filter({ hasText: 'en réponse à la mine' })).toContainText(AROUND);

    // Camille triages both mines: one defused by a new workaround, one accepted.
    await page.goto(ideaUrl);
    await settle(page);
    await page.locator('.contribution.mine').filter({ hasText: LEGAL }).getByRole('link', { name: 'À traiter : ouvrir' }).click();
    await settle(page);
    await page.getByLabel('Traitement', { exact: true }).selectOption({ label: 'Désamorcée' });
    await page.getByLabel('Ou nouvelle piste', { exact: true }).fill('Une analyse d’impact avec la déléguée à la protection des données.');
    if (js) await axeClean(page);
    await page.getByRole('button', { name: 'Enregistrer le traitement' }).click();
    await expect(page.locator('.contribution.mine').filter({ hasText: LEGAL })).toContainText('Désamorcée');
    await page.locator('.contribution.mine').filter({ hasText: MONEY }).getByRole('link', { name: 'À traiter : ouvrir' }).click();
    await page.getByLabel('Traitement', { exact: true }).selectOption({ label: 'Risque assumé' });
    await page.getByRole('button', { name: 'Enregistrer le traitement' }).click();
    await expect(page.locator('.field-error', { hasText: 'Ce champ est obligatoire.' })).toBeVisible();
    await page.getByLabel('Pourquoi, ou quoi faire', { exact: true }).fill('Le budget 2027 est demandé.');
    await page.getByRole('button', { name: 'Enregistrer le traitement' }).click();
    await expect(page.locator('.contribution.mine').filter({ hasText: MONEY })).toContainText('Risque assumé');
    await expect(summary.getByRole('link', { name: 'Clore le tour 1' })).toBeVisible();
    // Paul learns what became of his mine.
    await paul.page.goto(`${server.url}/notifications`);
    await expect(paul.page.locator('.notifications')).toContainText('Votre mine a été traitée : Risque assumé');

    // Closing, with a synthesis, on the round's own page: the idea becomes
    // a sketch, and says why.
    await summary.getByRole('link', { name: 'Clore le tour 1' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Clôturer ou annuler le tour 1');
    await settle(page);
    if (js) await axeClean(page);
    await page.getByLabel('Synthèse', { exact: true }).fill('Deux mines, traitées : le pilote peut se préparer.');
    await page.getByLabel('Prochaine étape', { exact: true }).fill('Un pilote sur le site de Gerland.');
    await page.getByRole('button', { name: 'Clôturer le tour' }).click();
    await expect(page.locator('.maturity-stage')).toContainText('Esquisse');
    await expect(page.locator('.checklist')).toContainText('✓ Un tour de déminage est clos');
    await expect(page.locator('.checklist')).toContainText('○ Au moins 4 casquettes se sont prononcées (2/4)');
    await expect(page.getByRole('heading', { name: 'Tour 1 — Clos' })).toBeVisible();
    // Said once, in numbers: « 1 mine(s) », not « Mines trouvées (1 mine(s) trouvée(s)) ».
    await expect(page.locator('.coverage li', { hasText: 'Juridique' })).toContainText('Juridique : Mines toutes traitées · 1 mine(s)');
    await expect(summary).toContainText('Esquisse');
    await expect(summary).toContainText('Pour passer à « ');
    await expect(summary).toContainText('Aucun tour ouvert.');
    const { width, height } = page.viewportSize()!;
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: info.outputPath(`idea-${info.project.name}-${width}x${height}.png`) });
    if (js) await axeClean(page);

    // The fiche prints on one or two A4 pages and downloads as Markdown.
    await page.getByRole('link', { name: 'Fiche de déminage' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fiche de déminage — Covoiturage entre agents');
    await expect(page.getByText('Une analyse d’impact avec la déléguée à la protection des données.').first()).toBeVisible();
    if (js) await axeClean(page);
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) || []).length;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger la fiche (Markdown)' }).click(),
    ]);
    const markdown = fs.readFileSync(await download.path(), 'utf8');
    expect(markdown).toContain('# Fiche de déminage — Covoiturage entre agents');
    expect(markdown).toContain(MONEY);
    expect(markdown).toContain('Risque assumé — Le budget 2027 est demandé.');
    expect([...problems, ...anne.problems, ...paul.problems]).toEqual([]);
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    server.stop();
  }
});

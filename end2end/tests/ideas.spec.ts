import type { Page } from '@playwright/test';
import { test, expect, jsEnabled, hydrated } from './fixtures';
import { api, axeClean, colleague, PASSWORD } from './journey';
import { OwnServer } from './own-server';

// Each test runs its own instance, on a free port: the journey changes it for good.
test('post an idea in two steps, co-author it, compare versions, find it with or without accents', async ({ page, browser, problems }, info) => {
  test.setTimeout(120_000);
  const server = await OwnServer.start();
  const js = jsEnabled(info.project.name);
  const settle = async (p: Page) => { if (js) await hydrated(p); };
  const contexts: { close: () => Promise<void> }[] = [];
  try {
    // Camille (administrator) and two colleagues, each in their own browser.
    await api(page, server, 'complete_setup', { token: server.token, organisation: 'Ville de Grenoble', display_name: 'Camille Martin',
      email: 'camille@grenoble.fr', password: PASSWORD });
    const dominique = await colleague(browser, info, page, server, 'Dominique Bernard', 'dominique@grenoble.fr');
    const alex = await colleague(browser, info, page, server, 'Alex Durand', 'alex@grenoble.fr');
    contexts.push(dominique, alex);

    // Step 1: the title and the problem; step 2: the rest, saved as a draft.
    await page.goto(`${server.url}/idees`);
    await settle(page);
    await page.getByRole('link', { name: 'Poster une idée' }).click();
    await expect(page.getByText('Étape 1 sur 2')).toBeVisible();
    await page.getByLabel('Titre').fill('Réseau de covoiturage entre agents');
    await page.getByLabel('Le constat').fill('Les parkings des sites sont saturés <b>chaque</b> matin.');
    await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
    await expect(page.getByText('Étape 2 sur 2')).toBeVisible();
    await expect(page.getByLabel('Titre')).toHaveValue('Réseau de covoiturage entre agents');
    await page.getByLabel('Votre proposition').fill('Une plateforme interne de covoiturage.');
    await page.getByLabel('Mots-clés').fill('mobilité, énergie');
    if (js) await axeClean(page);
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Réseau de covoiturage entre agents');
    await expect(page.getByText('Brouillon : visible de ses auteurs seulement')).toBeVisible();
    await expect(page.getByText('Les parkings des sites sont saturés <b>chaque</b> matin.')).toBeVisible();
    const ideaUrl = page.url();

    // Invite Dominique, who accepts, edits and publishes.
    // On a page of its own, the picker starts on no one: a stray click
    // invites nobody.
    await page.getByRole('link', { name: 'Inviter un co-auteur ou une co-autrice' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inviter un co-auteur ou une co-autrice');
    await settle(page);
    if (js) await axeClean(page);
    await expect(page.getByLabel('Inviter un co-auteur ou une co-autrice')).toHaveValue('');
    await page.getByLabel('Inviter un co-auteur ou une co-autrice').selectOption({ label: 'Dominique Bernard' });
    await page.getByRole('button', { name: 'Inviter', exact: true }).click();
    await expect(page.getByText('Invitation envoyée à : Dominique Bernard')).toBeVisible();
    if (js) await axeClean(page);
    await dominique.page.goto(`${server.url}/idees`);
    await dominique.page.getByRole('link', { name: 'Réseau de covoiturage entre agents' }).click();
    await dominique.page.getByRole('button', { name: 'Accepter' }).click();
    await dominique.page.getByRole('link', { name: 'Modifier' }).click();
    await dominique.page.getByLabel('L’aide recherchée').fill('Un regard juridique sur l’assurance.');
    await dominique.page.getByLabel('Publier maintenant').check();
    await dominique.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(dominique.page.getByText('Un regard juridique sur l’assurance.')).toBeVisible();
    await expect(dominique.page.getByText('Brouillon : visible de ses auteurs seulement')).toHaveCount(0);

    // Camille edits the published idea: version 2, compared with version 1.
    await page.goto(ideaUrl);
    await settle(page);
    await expect(page.getByText('avec Dominique Bernard')).toBeVisible();
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.getByLabel('Votre proposition').fill('Une plateforme interne de covoiturage, ouverte aux usagers.');
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await expect(page.getByText('Version 2 · Camille Martin')).toBeVisible();
    await page.getByRole('link', { name: 'voir les changements' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comparer deux versions');
    await expect(page.locator('ins').filter({ hasText: 'ouverte aux usagers' })).toBeVisible();
    if (js) await axeClean(page);

    // Alex reads but cannot edit; the list finds the idea with or without accents.
    await alex.page.goto(ideaUrl);
    await expect(alex.page.getByRole('heading', { level: 1 })).toHaveText('Réseau de covoiturage entre agents');
    await expect(alex.page.getByRole('link', { name: 'Modifier' })).toHaveCount(0);
    await alex.page.goto(`${ideaUrl}/modifier`);
    await expect(alex.page.getByText('Vous n’avez pas le droit de faire cela.')).toBeVisible();
    for (const words of ['reseau', 'RÉSEAU', 'Réseau covoiturage']) {
      await alex.page.goto(`${server.url}/idees`);
      await alex.page.getByLabel('Rechercher dans les titres, constats et propositions').fill(words);
      await alex.page.getByRole('button', { name: 'Filtrer' }).click();
      await expect(alex.page.getByRole('status')).toHaveText('1 idée');
      await expect(alex.page.getByRole('link', { name: 'Réseau de covoiturage entre agents' })).toBeVisible();
    }
    await alex.page.getByLabel('Rechercher dans les titres, constats et propositions').fill('tramway');
    await alex.page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(alex.page.getByRole('status')).toHaveText('Aucune idée ne correspond.');
    expect([...problems, ...dominique.problems, ...alex.problems]).toEqual([]);
  } finally {
    for (const c of contexts) await c.close().catch(() => {});
    server.stop();
  }
});

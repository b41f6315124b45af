import AxeBuilder from '@axe-core/playwright';
import { test, expect, jsEnabled, hydrated } from './fixtures';
import { OwnServer } from './own-server';

const PASSWORD = 'une phrase de passe solide';

test('first-run setup with the token, then log out and log in again', async ({ page, problems }, info) => {
  const server = await OwnServer.start();
  try {
    const js = jsEnabled(info.project.name);
    await page.goto(`${server.url}/`);
    if (js) await hydrated(page);
    await page.getByRole('link', { name: 'Première utilisation : installez votre instance pour commencer.' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Installer Les Démineurs');
    if (js) await axeClean(page);

    // A wrong token comes back with its message, the typed input kept.
    await page.getByLabel('Jeton d’installation').fill('pas-le-bon-jeton');
    await page.getByLabel('Nom de l’organisation').fill('Département de l’Isère');
    await page.getByLabel('Votre nom').fill('Camille Martin');
    await page.getByLabel('Adresse électronique').fill('camille.martin@isere.fr');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Installer et me connecter' }).click();
    await expect(page.locator('.field-error', { hasText: 'Ce jeton d’installation n’est pas le bon' })).toBeVisible();
    await expect(page.getByLabel('Nom de l’organisation')).toHaveValue('Département de l’Isère');
    // The server never sends a password back; with JavaScript the islands
    // router patches the page around what the browser still holds.
    if (!js) await expect(page.getByLabel('Mot de passe')).toHaveValue('');

    await page.getByLabel('Jeton d’installation').fill(server.token);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Installer et me connecter' }).click();
    await expect(page).toHaveURL(`${server.url}/`);
    await expect(page.getByRole('banner')).toContainText('Camille Martin');
    if (js) await hydrated(page);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.getByLabel('Adresse électronique').fill('camille.martin@isere.fr');
    await page.getByLabel('Mot de passe').fill('un mauvais mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByText('Adresse ou mot de passe incorrect.').first()).toBeVisible();
    await expect(page.getByLabel('Adresse électronique')).toHaveValue('camille.martin@isere.fr');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('banner')).toContainText('Camille Martin');
    if (js) await hydrated(page);

    // Invite a facilitator; the link is shown once.
    await page.getByRole('link', { name: 'Membres' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Membres de l’organisation');
    await page.getByLabel('Rôle de la personne invitée').selectOption({ label: 'Animatrice ou animateur' });
    await page.getByRole('button', { name: 'Créer le lien d’invitation' }).click();
    const link = (await page.locator('.invite-link').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${server.url}/inscription/[A-Za-z0-9_-]{43}$`));
    if (js) await axeClean(page);
    await page.getByRole('button', { name: 'Se déconnecter' }).click();

    // The invitee signs up from the link and lands signed in.
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer votre compte');
    if (js) await axeClean(page);
    await page.getByLabel('Votre nom').fill('Dominique Bernard');
    await page.getByLabel('Adresse électronique').fill('dominique.bernard@isere.fr');
    await page.getByLabel('Mot de passe').fill('une autre phrase solide');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.getByRole('banner')).toContainText('Dominique Bernard');
    await expect(page.getByRole('link', { name: 'Membres' })).toHaveCount(0);

    // The link works once.
    await page.goto(link);
    await expect(page.getByText('Ce lien d’invitation n’est plus valable')).toBeVisible();
  } finally {
    server.stop();
  }
});

async function axeClean(page: import('@playwright/test').Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, jsEnabled, hydrated, secondBrowser } from './fixtures';
import { linkIn, waitForMailWith } from './mail';
import { OwnServer } from './own-server';

// Each test runs its own instance, on a free port: these journeys change it for good.
const ADMIN_PASSWORD = 'une phrase de passe solide';
const PASSWORD = 'la phrase de Dominique';
const NEW_PASSWORD = 'une toute nouvelle phrase';

test('someone asks to join, is approved, fills in their profile, is deactivated and gets a new password', async ({ page, browser, problems }, info) => {
  test.setTimeout(120_000);
  const server = await OwnServer.start();
  const js = jsEnabled(info.project.name);
  // Dominique uses a browser of their own, as on their own phone.
  const { page: other, problems: otherProblems, close } = await secondBrowser(browser, info);
  // Waits for the islands after a page load.
  const settle = async (p: Page) => { if (js) await hydrated(p); };
  try {
    // The administrator sets the instance up and opens requests for isere.fr.
    const setup = await page.request.post(`${server.url}/api/complete_setup`, {
      form: { token: server.token, organisation: 'Département de l’Isère', display_name: 'Camille Martin',
        email: 'camille.martin@isere.fr', password: ADMIN_PASSWORD },
      maxRedirects: 0,
    });
    expect(setup.status()).toBeLessThan(400);
    await page.goto(`${server.url}/`);
    await settle(page);
    await page.getByRole('link', { name: 'Organisation', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paramètres de l’organisation');
    await page.getByLabel('Domaines de messagerie autorisés à demander un compte').fill('exemple');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await expect(page.locator('.field-error', { hasText: 'Un domaine de messagerie n’est pas valable' })).toBeVisible();
    await page.getByLabel('Domaines de messagerie autorisés à demander un compte').fill('isere.fr');
    await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
    await expect(page.getByText('Modifications enregistrées.')).toBeVisible();
    await page.getByLabel('Nom de la casquette').fill('Sécurité');
    await page.getByRole('button', { name: 'Ajouter la casquette' }).click();
    await expect(page.getByLabel('Nouveau nom pour Sécurité')).toHaveValue('Sécurité');
    if (js) await axeClean(page);

    // Dominique asks for an account; nothing opens before the approval.
    await other.goto(`${server.url}/connexion`);
    await settle(other);
    await other.getByRole('link', { name: 'Pas encore de compte ? Demander un compte' }).click();
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Demander un compte');
    await other.getByLabel('Votre nom').fill('Dominique Bernard');
    await other.getByLabel('Adresse électronique').fill('dominique.bernard@isere.fr');
    await other.getByLabel('Mot de passe').fill(PASSWORD);
    await other.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(other.getByText('Demande enregistrée.')).toBeVisible();
    await logIn(other, server.url, PASSWORD);
    await expect(other.locator('.field-error', { hasText: 'aura approuvé la demande' })).toBeVisible();

    // The administrator approves the request from the members list, then
    // opens Dominique's page and makes them a facilitator.
    await page.getByRole('link', { name: 'Membres' }).click();
    const requests = page.getByRole('region', { name: 'Demandes pour rejoindre l’organisation (1)' });
    await expect(requests.getByRole('row', { name: /Dominique Bernard/ })).toContainText('dominique.bernard@isere.fr');
    await requests.getByRole('button', { name: 'Approuver Dominique Bernard' }).click();
    await expect(page.getByRole('region', { name: /Demandes pour rejoindre/ })).toHaveCount(0);
    const row = page.getByRole('row', { name: /Dominique Bernard/ });
    await expect(row).toContainText('Actif');
    if (js) await axeClean(page);
    // Found by part of the address, any case.
    await page.getByLabel('Nom ou adresse').fill('BERNARD@isere');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page.getByText('1 personne', { exact: true })).toBeVisible();
    await expect(page.getByRole('row', { name: /Camille Martin/ })).toHaveCount(0);
    await row.getByRole('link', { name: 'Dominique Bernard' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dominique Bernard');
    await settle(page);
    await page.getByLabel('Rôle de Dominique Bernard').selectOption({ label: 'Animatrice ou animateur' });
    await page.getByRole('button', { name: 'Changer le rôle' }).click();
    const facts = page.locator('.person-facts');
    await expect(facts).toContainText('Animatrice ou animateur');
    await expect(page.getByText('Modifications enregistrées.')).toBeVisible();
    if (js) await axeClean(page);

    // Dominique is told by e-mail (when the tests' SMTP server runs), and
    // the message's link leads to the log-in page.
    if (process.env.E2E_SMTP_URL) {
      const welcome = await waitForMailWith('dominique.bernard@isere.fr', server.url);
      expect(welcome.headers['subject']).toBe('Bienvenue : votre demande pour rejoindre Département de l’Isère est acceptée');
      expect(welcome.headers['list-unsubscribe']).toBeUndefined();
      await other.goto(linkIn(welcome.text!, `${server.url}/connexion`));
      await expect(other.getByRole('heading', { level: 1 })).toHaveText('Se connecter');
    }

    // Dominique logs in and declares their domains.
    await logIn(other, server.url, PASSWORD);
    await expect(other.getByRole('banner')).toContainText('Dominique Bernard');
    await other.getByRole('link', { name: 'Mon profil' }).click();
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Mon profil');
    await other.getByLabel('Service ou direction').fill('Direction des routes');
    await other.getByLabel('Juridique').check();
    await other.getByLabel('Sécurité').check();
    await other.getByRole('button', { name: 'Enregistrer mon profil' }).click();
    await expect(other.getByText('Modifications enregistrées.')).toBeVisible();
    await expect(other.getByLabel('Sécurité')).toBeChecked();
    await expect(other.getByLabel('Finances')).not.toBeChecked();
    await expect(other.getByLabel('Service ou direction')).toHaveValue('Direction des routes');
    if (js) await axeClean(other);

    // Deactivated: Dominique's next page shows them logged out.
    // Irreversible for the person's sessions: the box must be ticked first
    // (the browser will not send the form without it, JavaScript or not).
    await page.getByRole('button', { name: 'Désactiver Dominique Bernard' }).click();
    await expect(page.locator('input[name="confirm"]:invalid')).toHaveCount(1);
    await expect(facts).toContainText('Actif');
    await page.getByLabel('Je confirme : cette personne ne pourra plus se connecter.').check();
    await page.getByRole('button', { name: 'Désactiver Dominique Bernard' }).click();
    await expect(facts).toContainText('Désactivé');
    await other.reload();
    await expect(other.getByRole('banner').getByRole('link', { name: 'Se connecter' })).toBeVisible();
    await expect(other.getByRole('banner')).not.toContainText('Dominique Bernard');

    // Reactivated, with a new password link handed over by the administrator.
    await page.getByRole('button', { name: 'Réactiver Dominique Bernard' }).click();
    await expect(facts).toContainText('Actif');
    await page.getByRole('button', { name: 'Lien de nouveau mot de passe Dominique Bernard' }).click();
    const link = (await page.locator('.reset-link').textContent())!.trim();
    expect(link).toMatch(new RegExp(`^${server.url}/reinitialisation/[A-Za-z0-9_-]{43}$`));
    await other.goto(link);
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Choisir un nouveau mot de passe');
    await settle(other);
    if (js) await axeClean(other);
    await other.getByLabel('Mot de passe').fill(NEW_PASSWORD);
    await other.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
    await expect(other.getByRole('banner')).toContainText('Dominique Bernard');
    await other.goto(link);
    await expect(other.getByText('Ce lien de réinitialisation n’est plus valable')).toBeVisible();
    expect([...problems, ...otherProblems]).toEqual([]);
  } finally {
    await close();
    server.stop();
  }
});

async function logIn(page: Page, base: string, password: string) {
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Adresse électronique').fill('dominique.bernard@isere.fr');
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

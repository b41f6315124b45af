import { request as playwrightRequest } from '@playwright/test';
import { test, expect, jsEnabled, hydrated } from './fixtures';
import { api, axeClean, PASSWORD } from './journey';
import { linkIn, receivedBy, waitForMail } from './mail';
import { OwnServer } from './own-server';
import { logInAsAdmin } from './routes';

/// A member of the shared instance of its own (this test changes their
/// password, which no other test may depend on).
async function newMember(base: string, address: string, name: string) {
  const admin = await playwrightRequest.newContext();
  await logInAsAdmin(admin, base);
  const invited = await admin.post(`${base}/api/create_invitation`, { form: { role: 'member' }, maxRedirects: 0 });
  const token = invited.headers()['location'].split('lien=')[1];
  await admin.dispose();
  const person = await playwrightRequest.newContext();
  const signedUp = await person.post(`${base}/api/sign_up`, {
    form: { token, display_name: name, email: address, password: PASSWORD },
    maxRedirects: 0,
  });
  expect(signedUp.status()).toBeLessThan(400);
  await person.dispose();
}

test('a forgotten password: the log-in page, the e-mail, its link, a new password', async ({ page, problems, baseURL }, info) => {
  const js = jsEnabled(info.project.name);
  const address = `oubli.${info.project.name}.${Date.now()}@e2e.test`;
  await newMember(baseURL!, address, 'Claude Oubli');

  await page.goto('/connexion');
  if (js) await hydrated(page);
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mot de passe oublié');
  if (js) await axeClean(page);
  await page.getByLabel('Adresse électronique').fill(address);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.getByRole('status')).toContainText('Si un compte actif a cette adresse, un message vient de lui être envoyé.');
  if (js) await axeClean(page);

  // What arrived at the SMTP server: both parts, the same link, no image.
  const mail = await waitForMail(address);
  expect(mail.headers['subject']).toBe('Choisir un nouveau mot de passe');
  expect(mail.headers['to']).toBe(`Claude Oubli <${address}>`);
  expect(mail.headers['from']).toMatch(/^Les Démineurs <ne-pas-repondre@localhost>$/);
  expect(mail.headers['message-id']).toMatch(/^<[0-9a-f]{32}@127\.0\.0\.1>$/);
  expect(mail.headers['auto-submitted']).toBe('auto-generated');
  const link = linkIn(mail.text!, `${baseURL}/reinitialisation/`);
  expect(mail.html).toContain(`href="${link}"`);
  expect(mail.html).not.toContain('<img');

  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choisir un nouveau mot de passe');
  if (js) await hydrated(page);
  await page.getByLabel('Mot de passe').fill('une toute nouvelle phrase');
  await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(page.getByRole('banner')).toContainText('Claude Oubli');

  // The link worked once; the new password opens the account.
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choisir un nouveau mot de passe');
  await expect(page.getByRole('main')).not.toContainText('Enregistrer et me connecter');
  if (js) await hydrated(page);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.goto('/connexion');
  if (js) await hydrated(page);
  await page.getByLabel('Adresse électronique').fill(address);
  await page.getByLabel('Mot de passe').fill('une toute nouvelle phrase');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('banner')).toContainText('Claude Oubli');
  expect(receivedBy(address)).toHaveLength(1);
});

test('an unknown address gets the same answer and no message', async ({ page, problems }, info) => {
  const address = `personne.${info.project.name}.${Date.now()}@e2e.test`;
  await page.goto('/mot-de-passe-oublie');
  if (jsEnabled(info.project.name)) await hydrated(page);
  await page.getByLabel('Adresse électronique').fill(address);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.getByRole('status')).toContainText('Si un compte actif a cette adresse, un message vient de lui être envoyé.');
  // Longer than the sender's pause between two runs.
  await page.waitForTimeout(3000);
  expect(receivedBy(address)).toHaveLength(0);
});

// No \`problems\` fixture: the page for members answers 401 before the log-in,
// which the browser's console reports.
test('the log-in leads back to the page that asked for it', async ({ page }, info) => {
  const js = jsEnabled(info.project.name);
  await page.goto('/notifications');
  await expect(page.getByRole('main')).toContainText('Cette page est réservée aux personnes connectées.');
  if (js) await hydrated(page);
  await page.getByRole('main').getByRole('link', { name: 'Se connecter' }).click();
  await page.getByLabel('Adresse électronique').fill(process.env.E2E_ADMIN_EMAIL || '');
  await page.getByLabel('Mot de passe').fill(process.env.E2E_ADMIN_PASSWORD || '');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notifications');
});

// The next tests run instances of their own: the people they add would
// weigh on the shared instance's pages that the budgets measure.

/// An instance set up by `page`, now signed in as its administrator.
async function ownInstance(page: import('@playwright/test').Page) {
  const server = await OwnServer.start();
  await api(page, server, 'complete_setup', { token: server.token, organisation: 'Ville de Rennes', display_name: 'Camille Martin',
    email: 'camille@rennes.fr', password: PASSWORD });
  return server;
}

test('an invitation by e-mail: the members page, the message, its link, an account', async ({ page, problems }, info) => {
  const js = jsEnabled(info.project.name);
  const address = `invite.${info.project.name}.${Date.now()}@e2e.test`;
  const server = await ownInstance(page);
  try {
    await page.goto(`${server.url}/admin/membres`);
    if (js) await hydrated(page);
    await page.getByLabel('Adresse électronique de la personne').fill(address);
    await page.getByRole('button', { name: 'Créer le lien d’invitation' }).click();
    await expect(page.getByRole('status')).toContainText('Invitation envoyée par courriel.');
    const shown = (await page.locator('.invite-link').textContent())!.trim();
    if (js) await axeClean(page);

    // The message carries the link shown, in both parts.
    const mail = await waitForMail(address);
    expect(mail.headers['subject']).toBe('Camille Martin vous invite sur Les Démineurs');
    expect(mail.text).toContain('Ville de Rennes');
    expect(mail.headers['list-unsubscribe']).toBeUndefined();
    const link = linkIn(mail.text!, `${server.url}/inscription/`);
    expect(link).toBe(shown);
    expect(mail.html).toContain(`href="${link}"`);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.goto(link);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer votre compte');
    if (js) await hydrated(page);
    await page.getByLabel('Votre nom').fill('Sacha Invitée');
    await page.getByLabel('Adresse électronique').fill(address);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.getByRole('banner')).toContainText('Sacha Invitée');
  } finally {
    server.stop();
  }
});

test('a round names me: the e-mail, its link to contribute, its one-click unsubscribe without a session', async ({ page, problems }, info) => {
  const js = jsEnabled(info.project.name);
  const address = `appel.${info.project.name}.${Date.now()}@e2e.test`;
  const server = await ownInstance(page);
  try {
    // Léa signs up from an invitation; the administrator posts an idea
    // and opens a round naming her.
    const invited = await api(page, server, 'create_invitation', { role: 'member' });
    const token = invited.headers()['location'].split('lien=')[1];
    const lea = await playwrightRequest.newContext();
    const signedUp = await lea.post(`${server.url}/api/sign_up`, {
      form: { token, display_name: 'Léa Appel', email: address, password: PASSWORD }, maxRedirects: 0 });
    expect(signedUp.status()).toBeLessThan(400);
    await lea.dispose();
    const title = 'Covoiturage entre agents';
    const created = await api(page, server, 'create_idea', { request_id: crypto.randomUUID(), title, problem: 'Un problème bien réel.' });
    const path = created.headers()['location'].split('/modifier')[0];
    const id = path.split('/').pop() as string;
    await api(page, server, 'save_idea', { request_id: crypto.randomUUID(), idea_id: id, revision: '1', title,
      problem: 'Un problème bien réel.', proposal: 'Une proposition.', beneficiaries: 'Les agents', help_sought: '', tags: 'essai', publish: '1' });
    await api(page, server, 'open_round', { request_id: crypto.randomUUID(), idea_id: id, focus: 'Qu’est-ce qui peut coincer ?',
      mode: 'async', deadline: `${new Date().getFullYear() + 1}-01-15T12:00`, invitees: address });

    // The message: the question, the link to contribute, the one-click unsubscribe.
    const mail = await waitForMail(address);
    expect(mail.headers['subject']).toBe(`Votre regard est demandé sur « ${title} »`);
    expect(mail.text).toContain('Qu’est-ce qui peut coincer ?');
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = mail.headers['list-unsubscribe'].replace(/^<|>$/g, '');
    const contribute = linkIn(mail.text!, `${server.url}${path}/contribuer`);

    // Followed signed in as Léa: the contribution form of that round.
    await page.context().clearCookies();
    await page.goto(`${server.url}/connexion`);
    if (js) await hydrated(page);
    await page.getByLabel('Adresse électronique').fill(address);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('banner')).toContainText('Léa Appel');
    await page.goto(contribute);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contribuer — Tour 1');
    await expect(page.getByRole('button', { name: 'Envoyer ma contribution' })).toBeVisible();

    // The unsubscribe link, opened without a session: one button, then done.
    await page.context().clearCookies();
    await page.goto(unsubscribe);
    if (js) await hydrated(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se désabonner');
    if (js) await axeClean(page);
    await page.getByRole('button', { name: 'Me désabonner' }).click();
    await expect(page.getByRole('status')).toContainText('C’est fait : vous ne recevrez plus ces messages.');
  } finally {
    server.stop();
  }
});

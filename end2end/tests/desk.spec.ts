import { test, expect, jsEnabled, hydrated, secondBrowser } from './fixtures';
import { api, axeClean, PASSWORD, publish } from './journey';
import { OwnServer } from './own-server';
import { startFromIdea } from './room';

// Each test runs its own instance: the desk shows what this test made, and nothing else.
test('« Mon bureau » shows each kind of thing waiting, and what to do when nothing does', async ({ page, browser, problems }, info) => {
  test.setTimeout(120_000);
  const js = jsEnabled(info.project.name);
  const server = await OwnServer.start();
  const camille = await secondBrowser(browser, info);
  try {
    await api(camille.page, server, 'complete_setup', { token: server.token, organisation: 'Ville de Nantes', display_name: 'Camille Martin',
      email: 'camille@nantes.fr', password: PASSWORD });
    const invited = await api(camille.page, server, 'create_invitation', { role: 'member' });
    const token = invited.headers()['location'].split('lien=')[1];
    // Anne, in the browser under test: a fresh desk says what to do next.
    await api(page, server, 'sign_up', { token, display_name: 'Anne Juriste', email: 'anne@nantes.fr', password: PASSWORD });
    await page.goto(`${server.url}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon bureau');
    await expect(page.getByText('Aucun tour ne vous appelle en ce moment.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Une idée, même vague ? Déposez-la.' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ouvrez un tour de déminage sur l’une de vos idées pour recueillir les mines.' })).toBeVisible();
    await expect(page.getByText('Aucun atelier en cours dans votre organisation.')).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Rejoindre un atelier' })).toBeVisible();
    if (js) await hydrated(page);
    if (js) await axeClean(page);

    // Her hat, a round calling it, an invitation to co-author, a workshop.
    await api(page, server, 'update_profile', { display_name: 'Anne Juriste', service: 'Juridique', 'domains[]': '1' });
    const online = await publish(camille.page, server, 'Covoiturage entre agents');
    await api(camille.page, server, 'open_round', { request_id: crypto.randomUUID(), idea_id: online.id, focus: 'Qu’est-ce qui peut coincer ?',
      mode: 'async', deadline: `${new Date().getFullYear() + 1}-01-15T12:00`, 'domains[]': '1', invitees: '' });
    // Anne is the instance's second person.
    await api(camille.page, server, 'invite_coauthor', { idea_id: online.id, user_id: '2' });
    const live = await publish(camille.page, server, 'Atelier du vendredi');
    await api(camille.page, server, 'open_round', { request_id: crypto.randomUUID(), idea_id: live.id, focus: 'Et en salle ?',
      mode: 'live', deadline: '', 'domains[]': '2', invitees: '' });
    const code = await startFromIdea(camille.page, `${server.url}${live.path}`);
    await api(page, server, 'create_idea', { request_id: crypto.randomUUID(), title: 'Mon brouillon', problem: 'À écrire.' });

    await page.goto(`${server.url}/`);
    const calls = page.getByRole('region', { name: 'On attend votre regard' });
    await expect(calls.getByRole('link', { name: 'Covoiturage entre agents' })).toHaveAttribute('href', `${online.path}/contribuer`);
    await expect(calls).toContainText('casquette Juridique');
    await expect(calls).toContainText('jusqu’au 15/01/');
    const drafts = page.getByRole('region', { name: 'Vos brouillons et invitations' });
    await expect(drafts.getByRole('link', { name: 'Mon brouillon' })).toBeVisible();
    await expect(drafts).toContainText('on vous invite à co-écrire cette idée');
    const workshops = page.getByRole('region', { name: 'Ateliers en cours' });
    await expect(workshops.getByRole('link', { name: 'Atelier du vendredi' })).toHaveAttribute('href', `/rejoindre/${code}`);
    const unread = page.getByRole('region', { name: /Notifications non lues \(\d+\)/ });
    await expect(unread).toContainText('Covoiturage entre agents');
    if (js) await axeClean(page);
    await page.screenshot({ path: info.outputPath(`desk-${info.project.name}.png`), fullPage: true });

    // She contributes; once revealed, the mine waits on Camille's desk.
    await calls.getByRole('link', { name: 'Covoiturage entre agents' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Contribuer');
    const round = await (await camille.page.request.post(`${server.url}/api/get_rounds`, { form: { idea_id: online.id, round: '1', page: '1' } })).json();
    const roundId = String(round.rounds[0].info.id);
    await api(page, server, 'contribute', { request_id: crypto.randomUUID(), idea_id: online.id, round_id: roundId, kind: 'mine',
      domain_id: '1', severity: 'serious', body: 'Les trajets sont des données personnelles.', link: '', answers: '' });
    await page.goto(`${server.url}/`);
    await expect(page.getByRole('region', { name: 'On attend votre regard' })).toContainText('vous avez déjà contribué');
    await api(camille.page, server, 'reveal_round', { idea_id: online.id, round_id: roundId, confirm: 'oui' });
    await camille.page.goto(`${server.url}/`);
    const toTriage = camille.page.getByRole('region', { name: 'Mines à traiter sur vos idées' });
    await expect(toTriage.getByRole('link', { name: 'Covoiturage entre agents' })).toHaveAttribute('href', `${online.path}#tours`);
    await expect(toTriage).toContainText('1 mine(s) sans réponse');
  } finally {
    await camille.close();
    server.stop();
  }
});

test('my e-mail settings: each kind at once, in the digest or never', async ({ page, browser, problems }, info) => {
  const js = jsEnabled(info.project.name);
  const server = await OwnServer.start();
  try {
    await api(page, server, 'complete_setup', { token: server.token, organisation: 'Ville de Nantes', display_name: 'Camille Martin',
      email: 'camille@nantes.fr', password: PASSWORD });
    await page.goto(`${server.url}/profil`);
    await page.getByRole('link', { name: 'Régler mes e-mails' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes e-mails');
    await expect(page.getByRole('main')).toContainText('Les messages partent à camille@nantes.fr.');
    const triaged = page.getByRole('group', { name: 'Les auteurs d’une idée ont répondu à votre mine' });
    await expect(triaged.getByLabel('Tout de suite')).toBeChecked();
    const closed = page.getByRole('group', { name: 'Un tour auquel vous avez contribué est clos, avec sa synthèse' });
    await expect(closed.getByLabel('Dans le résumé')).toBeChecked();
    if (js) await hydrated(page);
    if (js) await axeClean(page);
    await triaged.getByLabel('Jamais').check();
    await page.getByRole('group', { name: 'Le résumé arrive' }).getByLabel('Chaque lundi, à 8 h').check();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status')).toBeVisible();
    await expect(page.getByRole('group', { name: 'Les auteurs d’une idée ont répondu à votre mine' }).getByLabel('Jamais')).toBeChecked();
    await expect(page.getByRole('group', { name: 'Le résumé arrive' }).getByLabel('Chaque lundi, à 8 h')).toBeChecked();
  } finally {
    server.stop();
  }
});

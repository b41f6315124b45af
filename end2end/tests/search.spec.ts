import { test, expect, jsEnabled, hydrated } from './fixtures';
import { api, axeClean, colleague, PASSWORD, publish } from './journey';
import { OwnServer } from './own-server';

// Its own instance: the search finds exactly what this test writes.
test('one search finds ideas and revealed mines in any form of their words, marked; ideas browse by outcome with their lessons', async ({ page, browser, problems }, info) => {
  test.setTimeout(120_000);
  const js = jsEnabled(info.project.name);
  const server = await OwnServer.start();
  try {
    await api(page, server, 'complete_setup', { token: server.token, organisation: 'Ville de Nantes', display_name: 'Camille Martin',
      email: 'camille@nantes.fr', password: PASSWORD });
    const anne = await colleague(browser, info, page, server, 'Anne Juriste', 'anne@nantes.fr');
    try {
      await api(anne.page, server, 'update_profile', { display_name: 'Anne Juriste', service: 'Juridique', 'domains[]': '1' });
      const heat = await publish(page, server, 'Réseau de chaleur pour les écoles');
      await publish(page, server, 'Mutualiser les serveurs');
      await api(page, server, 'open_round', { request_id: crypto.randomUUID(), idea_id: heat.id, focus: 'Qu’est-ce qui peut coincer ?',
        mode: 'async', deadline: `${new Date().getFullYear() + 1}-01-15T12:00`, 'domains[]': '1', invitees: '' });
      const panel = await (await page.request.post(`${server.url}/api/get_rounds`, { form: { idea_id: heat.id, round: '1', page: '1' } })).json();
      const round = String(panel.rounds[0].info.id);
      await api(anne.page, server, 'contribute', { request_id: crypto.randomUUID(), idea_id: heat.id, round_id: round,
        kind: 'mine', domain_id: '1', severity: 'serious', body: 'Le raccordement aux réseaux urbains demande une convention.', link: '', answers: '' });

      // From the menu; the silent mine is not found yet.
      await page.goto(`${server.url}/`);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Rechercher' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rechercher');
      await expect(page.getByText('« réseaux » trouve « réseau »')).toBeVisible();
      if (js) await hydrated(page);
      await page.getByLabel('Mots recherchés').fill('réseaux');
      await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
      await expect(page.getByRole('status')).toHaveText('1 résultat — « réseaux »');
      const results = page.locator('.search-results > li');
      await expect(results).toHaveCount(1);
      await expect(results.first().getByRole('link')).toHaveText('Réseau de chaleur pour les écoles');
      await expect(results.first().locator('mark')).toHaveText('Réseau');
      await expect(results.first()).toContainText('Idée · ');
      if (js) await axeClean(page);

      // Revealed, the mine is found too, whatever the case and accents typed.
      await api(page, server, 'reveal_round', { idea_id: heat.id, round_id: round, confirm: 'oui' });
      await page.goto(`${server.url}/recherche?q=RESEAU`);
      await expect(page.getByRole('status')).toHaveText('2 résultats — « RESEAU »');
      const mine = results.filter({ hasText: 'Mine · Juridique · sur l’idée' });
      await expect(mine.locator('mark')).toHaveText(['Réseau', 'réseaux']);
      // Among revealed contributions only, then to the mine itself.
      await page.getByLabel('Parmi').selectOption({ label: 'Contributions révélées' });
      await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
      await expect(page.getByRole('status')).toHaveText('1 résultat — « RESEAU »');
      await results.first().getByRole('link').click();
      await expect(page.getByText('Le raccordement aux réseaux urbains demande une convention.')).toBeVisible();

      // Nothing found, and words too common to search: each says what to do.
      await page.goto(`${server.url}/recherche?q=xyzzy`);
      await expect(page.getByRole('status')).toHaveText('Aucun résultat — « xyzzy »');
      await expect(page.getByText('Vérifiez l’orthographe')).toBeVisible();
      await page.goto(`${server.url}/recherche?q=de+la`);
      await expect(page.getByText('Saisissez des mots plus précis')).toBeVisible();
      if (js) await axeClean(page);

      // Anne, not an author, finds the same; a dropped idea lists with its lessons.
      await api(page, server, 'set_outcome', { idea_id: heat.id, outcome: 'dropped', note: 'Le sous-sol est trop argileux.' });
      await anne.page.goto(`${server.url}/recherche?q=argile`);
      await expect(anne.page.getByRole('status')).toHaveText('1 résultat — « argile »');
      await expect(anne.page.locator('.search-results mark')).toHaveText('argileux');
      await anne.page.goto(`${server.url}/idees`);
      await anne.page.getByLabel('Issue').selectOption({ label: 'Abandonnée' });
      await anne.page.getByRole('button', { name: 'Filtrer' }).click();
      await expect(anne.page).toHaveURL(/issue=abandonnee/);
      const listed = anne.page.locator('.idea-list > li');
      await expect(listed).toHaveCount(1);
      await expect(listed.first()).toContainText('Réseau de chaleur pour les écoles');
      await expect(listed.first()).toContainText('Enseignements : Le sous-sol est trop argileux.');
    } finally {
      await anne.close();
    }
  } finally {
    server.stop();
  }
  void problems;
});

import { test, expect, jsEnabled, hydrated } from './fixtures';
import { api, axeClean, colleague, PASSWORD, publish } from './journey';
import { OwnServer } from './own-server';

async function openRound(page: import('@playwright/test').Page, server: OwnServer, ideaId: string) {
  await api(page, server, 'open_round', { request_id: crypto.randomUUID(), idea_id: ideaId, focus: 'Qu’est-ce qui peut coincer ?',
    mode: 'async', deadline: `${new Date().getFullYear() + 1}-01-15T12:00`, 'domains[]': '1', invitees: '' });
  const panel = await (await page.request.post(`${server.url}/api/get_rounds`, { form: { idea_id: ideaId, round: '1', page: '1' } })).json();
  return String(panel.rounds[0].info.id);
}

// Its own instance: the library holds exactly what this test files.
test('a lead files a mine met before under a name, marks what defused it; the next round suggests it', async ({ page, browser, problems }, info) => {
  test.setTimeout(120_000);
  const js = jsEnabled(info.project.name);
  const server = await OwnServer.start();
  try {
    // Camille (administrator) in the browser under test; Anne holds the legal hat.
    await api(page, server, 'complete_setup', { token: server.token, organisation: 'Ville de Nantes', display_name: 'Camille Martin',
      email: 'camille@nantes.fr', password: PASSWORD });
    const anne = await colleague(browser, info, page, server, 'Anne Juriste', 'anne@nantes.fr');
    try {
      await api(anne.page, server, 'update_profile', { display_name: 'Anne Juriste', service: 'Juridique', 'domains[]': '1' });
      const first = await publish(page, server, 'Covoiturage entre agents');
      const round = await openRound(page, server, first.id);
      const mine = await api(anne.page, server, 'contribute', { request_id: crypto.randomUUID(), idea_id: first.id, round_id: round,
        kind: 'mine', domain_id: '1', severity: 'serious', body: 'Les trajets sont des données personnelles.', link: '', answers: '' });
      void mine;
      await api(page, server, 'reveal_round', { idea_id: first.id, round_id: round, confirm: 'oui' });
      await api(page, server, 'triage_mine', { request_id: crypto.randomUUID(), contribution_id: '1', triage: 'defused',
        workaround_id: '', workaround_text: 'Une analyse d’impact (AIPD)', note: '', owner: '', due: '' });

      // The library, from the menu: the mine waits to be filed.
      await page.goto(`${server.url}/`);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mines connues' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bibliothèque des mines');
      await expect(page.getByText('Aucune mine connue pour l’instant.')).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Mines à ranger (1)' })).toBeVisible();
      const waiting = page.getByRole('group', { name: 'Mines à ranger' });
      await expect(waiting).toContainText('Les trajets sont des données personnelles.');
      if (js) await hydrated(page);
      if (js) await axeClean(page);

      // Nothing ticked and no name: refused next to each field, nothing filed.
      await page.getByRole('button', { name: 'Ranger les mines cochées' }).click();
      await expect(page.locator('#field-mines-error')).toHaveText('Cochez au moins une mine à ranger.');
      await expect(page.locator('#field-name-error')).toHaveText('Ce champ est obligatoire.');
      await expect(page.getByLabel('Nouveau nom')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.getByRole('heading', { name: 'Mines à ranger (1)' })).toBeVisible();
      if (js) await axeClean(page);
      await page.getByRole('checkbox', { name: 'Juridique — Les trajets sont des données personnelles.' }).check();
      await page.getByLabel('Nouveau nom').fill('Données personnelles des agents');
      await page.getByRole('button', { name: 'Ranger les mines cochées' }).click();
      const known = page.locator('.known-mine');
      await expect(known.getByRole('heading', { level: 3 })).toHaveText('Données personnelles des agents');
      await expect(known).toContainText('Juridique · Rencontrée dans 1 idée');
      await expect(known).toContainText('Désamorcée par :');
      await expect(known).toContainText('Une analyse d’impact (AIPD)');
      await expect(page.getByText('Toutes les mines révélées sont rangées.')).toBeVisible();

      // The workaround proved itself.
      await known.getByRole('button', { name: 'Marquer comme éprouvée' }).click();
      await expect(page.locator('.known-mine .badge')).toHaveText('éprouvée');
      await expect(page.locator('.known-mine').getByRole('button', { name: 'Ne plus marquer comme éprouvée' })).toBeVisible();
      if (js) await axeClean(page);

      // Opening a round on another idea: the mine is suggested, with what defused it.
      const second = await publish(page, server, 'Navette du personnel');
      await page.goto(`${server.url}${second.path}/tours/nouveau`);
      const met = page.getByRole('region', { name: 'Mines déjà rencontrées' });
      await met.getByText('Juridique (1)').click();
      await expect(met).toContainText('Données personnelles des agents — Déjà rencontrée (1 idée) : désamorcée par « Une analyse d’impact (AIPD) » (éprouvée)');
      if (js) await hydrated(page);
      if (js) await axeClean(page);

      // Anne, writing a mine on the new round, has it suggested too.
      await openRound(page, server, second.id);
      await anne.page.goto(`${server.url}${second.path}/contribuer`);
      const hers = anne.page.getByRole('region', { name: 'Mines déjà rencontrées' });
      await hers.getByText('Juridique (1)').click();
      await expect(hers).toContainText('désamorcée par « Une analyse d’impact (AIPD) » (éprouvée)');
      // She reads the library; curating is not hers.
      await anne.page.goto(`${server.url}/mines`);
      await expect(anne.page.locator('.known-mine h3')).toHaveText('Données personnelles des agents');
      await expect(anne.page.getByRole('button', { name: 'Marquer comme éprouvée' })).toHaveCount(0);
      await expect(anne.page.getByRole('button', { name: 'Ne plus marquer comme éprouvée' })).toHaveCount(0);
      await expect(anne.page.getByText('Mines à ranger')).toHaveCount(0);
    } finally {
      await anne.close();
    }
  } finally {
    server.stop();
  }
  void problems;
});

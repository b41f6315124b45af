import { test, expect, jsEnabled, hydrated, secondBrowser } from './fixtures';
import { api, axeClean, PASSWORD } from './journey';
import { OwnServer } from './own-server';

/// The last day of an absence ten days from now: what a date input takes,
/// and how the directory writes it.
function inTenDays() {
  const day = new Date(Date.now() + 10 * 24 * 3600 * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    typed: `${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}`,
    shown: `${two(day.getDate())}/${two(day.getMonth() + 1)}/${day.getFullYear()}`,
  };
}

// Its own instance: the directory lists exactly the people this test makes.
test('one says on the profile when one is away; the directory shows who knows what and who is free', async ({ page, browser, problems }, info) => {
  test.setTimeout(120_000);
  const js = jsEnabled(info.project.name);
  const server = await OwnServer.start();
  const camille = await secondBrowser(browser, info);
  try {
    await api(camille.page, server, 'complete_setup', { token: server.token, organisation: 'Ville de Nantes', display_name: 'Camille Martin',
      email: 'camille@nantes.fr', password: PASSWORD });
    const invited = await api(camille.page, server, 'create_invitation', { role: 'member' });
    const token = invited.headers()['location'].split('lien=')[1];
    await api(page, server, 'sign_up', { token, display_name: 'Anne Juriste', email: 'anne@nantes.fr', password: PASSWORD });

    // Anne takes the legal hat and says she is away, first forgetting the day.
    await page.goto(`${server.url}/profil`);
    if (js) await hydrated(page);
    await page.getByLabel('Service ou direction').fill('Service juridique');
    await page.getByRole('checkbox', { name: 'Juridique' }).check();
    await page.getByRole('radio', { name: 'Absent·e jusqu’à une date' }).check();
    await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
    const day = page.getByLabel('Dernier jour d’absence');
    await expect(page.locator('#field-away_until-error')).toHaveText('Indiquez le dernier jour de votre absence.');
    await expect(day).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('radio', { name: 'Absent·e jusqu’à une date' })).toBeChecked();
    if (js) await axeClean(page);
    const { typed, shown } = inTenDays();
    await page.getByLabel('Service ou direction').fill('Service juridique');
    await page.getByRole('checkbox', { name: 'Juridique' }).check();
    await day.fill(typed);
    await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
    await expect(page.getByText('Modifications enregistrées')).toBeVisible();
    await expect(page.getByLabel('Dernier jour d’absence')).toHaveValue(typed);

    // The directory, from the menu: who holds what, then people.
    await page.getByRole('navigation').getByRole('link', { name: 'Annuaire' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Annuaire des expertises');
    const table = page.getByRole('table', { name: 'Qui sait quoi : personnes par domaine d’expertise' });
    const legal = table.getByRole('row', { name: /^Juridique/ });
    await expect(legal.getByRole('cell')).toHaveText(['1', '0']);
    await expect(table.getByRole('row', { name: /^RH/ }).getByRole('cell')).toHaveText(['personne', '0']);
    await expect(page.getByRole('status')).toHaveText('2 personnes');
    if (js) await hydrated(page);
    if (js) await axeClean(page);

    // Filters live in the address: shareable, no script needed.
    await page.getByLabel('Casquette').selectOption({ label: 'Juridique' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page).toHaveURL(/\/annuaire\?.*domaine=1/);
    await expect(page.getByRole('status')).toHaveText('1 personne');
    const anne = page.locator('.person-item');
    await expect(anne).toContainText('Service juridique · Juridique');
    await expect(anne).toContainText(`Absent·e jusqu’au ${shown}`);
    await page.getByLabel('Seulement les personnes disponibles').check();
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page.getByRole('status')).toHaveText('Personne ne correspond à ces critères.');
    await page.getByRole('link', { name: 'Effacer les filtres' }).click();
    await expect(page.getByRole('status')).toHaveText('2 personnes');

    // Camille's page: her service, a way to write to her, her démining.
    await page.getByRole('link', { name: 'Camille Martin' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Camille Martin');
    await expect(page.getByRole('link', { name: 'camille@nantes.fr' })).toHaveAttribute('href', 'mailto:camille@nantes.fr');
    await expect(page.getByRole('heading', { name: 'Son déminage' })).toBeVisible();
    await expect(page.getByText('0 tour(s) de déminage avec une contribution révélée')).toBeVisible();
    if (js) await hydrated(page);
    if (js) await axeClean(page);
  } finally {
    await camille.close();
    server.stop();
  }
  expect(camille.problems).toEqual([]);
  void problems;
});

test('opening a round offers the directory’s names, and a name typed without accents asks the colleague', async ({ page, browser, problems }, info) => {
  test.setTimeout(120_000);
  const js = jsEnabled(info.project.name);
  const server = await OwnServer.start();
  const chloe = await secondBrowser(browser, info);
  try {
    await api(page, server, 'complete_setup', { token: server.token, organisation: 'Ville de Nantes', display_name: 'Camille Martin',
      email: 'camille@nantes.fr', password: PASSWORD });
    const invited = await api(page, server, 'create_invitation', { role: 'member' });
    const token = invited.headers()['location'].split('lien=')[1];
    await api(chloe.page, server, 'sign_up', { token, display_name: 'Chloé Durand', email: 'chloe@nantes.fr', password: PASSWORD });
    await api(chloe.page, server, 'update_profile', { display_name: 'Chloé Durand', service: 'Direction des finances', 'domains[]': '2' });
    const created = await api(page, server, 'create_idea', { request_id: crypto.randomUUID(), title: 'Covoiturage', problem: 'Les parkings débordent.' });
    const path = created.headers()['location'].split('/modifier')[0];
    await api(page, server, 'publish_idea', { idea_id: path.split('/').pop() as string });

    await page.goto(`${server.url}${path}/tours/nouveau`);
    if (js) await hydrated(page);
    const names = page.getByLabel('Inviter des collègues');
    await expect(names).toHaveAttribute('list', 'directory-names');
    const offered = page.locator('datalist#directory-names option');
    await expect(offered).toHaveCount(1);
    await expect(offered).toHaveAttribute('value', 'Chloé Durand');
    await expect(offered).toHaveAttribute('label', 'Chloé Durand — Direction des finances — Finances — Disponible');
    if (js) await axeClean(page);
    await page.getByLabel('Question posée').fill('Qu’est-ce qui peut coincer ?');
    await page.locator('#field-deadline').fill(`${new Date().getFullYear() + 1}-01-15T12:00`);
    await names.fill('chloe durand');
    await page.getByRole('button', { name: 'Ouvrir un tour de déminage' }).click();
    await expect(page).toHaveURL(new RegExp(`${path}#`));
    await expect(page.getByText('invité·es : Chloé Durand')).toBeVisible();
  } finally {
    await chloe.close();
    server.stop();
  }
  expect(chloe.problems).toEqual([]);
  void problems;
});

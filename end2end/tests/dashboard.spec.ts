import fs from 'node:fs';
import { test, expect, jsEnabled, hydrated } from './fixtures';
import { axeClean } from './journey';
import { logInAsAdmin } from './routes';

// The shared, seeded instance, read only: its ideas, rounds and contributions.
test('a lead reads the dashboard, filters it through the address, and downloads its data', async ({ page, problems, baseURL }, info) => {
  const js = jsEnabled(info.project.name);
  await logInAsAdmin(page.request, baseURL!);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Tableau de bord' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tableau de bord');
  const funnel = page.getByRole('figure', { name: 'Idées par étape et par issue' });
  await expect(funnel.getByRole('img', { name: 'Idées par étape et par issue' })).toBeVisible();
  await expect(funnel.getByRole('row', { name: /^Graine/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Temps passé dans chaque étape' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Idées sans activité' })).toBeVisible();
  if (js) await hydrated(page);
  if (js) await axeClean(page);

  // Filters: a plain GET form, so the address can be shared.
  const filters = page.locator('details.dash-filters');
  if (!(await filters.getAttribute('open'))) await filters.locator('summary').click();
  await page.getByLabel('Maturité', { exact: true }).selectOption({ label: 'Graine' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/\/tableau-de-bord\?.*etape=graine/);
  await expect(funnel.getByRole('row', { name: /^Esquisse/ }).getByRole('cell').last()).toHaveText('0');

  // The other parts keep the filters.
  await page.getByRole('link', { name: 'Couverture' }).click();
  await expect(page).toHaveURL(/\/tableau-de-bord\/couverture\?etape=graine/);
  await expect(page.getByRole('link', { name: 'Couverture' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('figure', { name: 'Casquettes absentes autour de la table' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Couverture des casquettes, idée par idée' })).toBeVisible();
  if (js) await axeClean(page);
  await page.getByRole('link', { name: 'Mines et participation' }).click();
  await expect(page.getByRole('figure', { name: 'Mines les plus fréquentes par casquette' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Participation par service' })).toBeVisible();
  if (js) await axeClean(page);
  await page.getByRole('link', { name: 'Délais' }).click();
  await expect(page.getByRole('figure', { name: 'Délai avant la première contribution' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Tours clos dans les temps' })).toBeVisible();
  if (js) await axeClean(page);

  // The data, as a file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger les données (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('tableau-de-bord.csv');
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\ufeff"figure";"ligne";"colonne";"valeur"')).toBe(true);
  expect(text).toContain('"Idées par étape et par issue";"Graine"');
  void problems;
});

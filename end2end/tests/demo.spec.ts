import type { Page, TestInfo } from '@playwright/test';
import { test, expect, jsEnabled, hydrated } from './fixtures';
import { axeClean } from './journey';
import { OwnServer } from './own-server';

// `seed-demo` on a fresh instance, as a newcomer finds it: Claire, the
// demo organisation's administrator, signs in with the password given, and
// the idea list, an idea's page, its workshop's record and board, the
// dashboard, the mine library and the search show the story. On the
// desktop with JavaScript the pages are photographed for the README: into
// docs/screenshots with UPDATE_SCREENSHOTS=1, else the run's output folder.

const PASSWORD = 'la démo du Val-de-Loire';

/// The page at 1280 px wide and `height` tall, then back to the project's size.
async function shoot(page: Page, info: TestInfo, name: string, height: number) {
  if (info.project.name !== 'desktop-js') return;
  const path = process.env.UPDATE_SCREENSHOTS ? `../docs/screenshots/${name}.png` : info.outputPath(`${name}.png`);
  await page.setViewportSize({ width: 1280, height });
  await page.screenshot({ path });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a newcomer signs in to the demo organisation and finds its story on every page', async ({ page, problems }, info) => {
  test.setTimeout(120_000);
  const js = jsEnabled(info.project.name);
  const server = await OwnServer.start({ demoPassword: PASSWORD });
  try {
    expect(server.seeded).toContain('Communauté d’agglomération du Val-de-Loire » created: 11 people, 12 ideas');
    expect(server.seeded).toContain(`claire.moreau@demo.test (its administrator) or any colleague of its directory (…@demo.test), with the password: ${PASSWORD}`);

    await page.goto(`${server.url}/connexion`);
    if (js) await hydrated(page);
    await page.getByLabel('Adresse électronique').fill('claire.moreau@demo.test');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('banner')).toContainText('Claire Moreau');

    // The idea list: the story's ideas, at every stage.
    await page.goto(`${server.url}/idees`);
    const list = page.getByRole('main');
    await expect(list.getByRole('link', { name: 'Un rendez-vous en ligne pour l’accueil des usagers' })).toBeVisible();
    await expect(list.getByRole('link', { name: 'Ouvrir les données des horaires des déchèteries' })).toBeVisible();

    // An idea held in a workshop: ready, its coverage, its record linked.
    await list.getByRole('link', { name: 'Simplifier les demandes de subvention des associations' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Simplifier les demandes de subvention des associations');
    await expect(page.getByRole('main')).toContainText('Prête à devenir projet');
    await expect(page.getByRole('main')).toContainText('Jeanne Robin (invité·e)');
    if (js) await hydrated(page);
    if (js) await axeClean(page);
    await shoot(page, info, 'demo-idea', 1500);
    await page.getByRole('link', { name: 'Le compte rendu de l’atelier' }).click();
    await expect(page).toHaveURL(/\/ateliers\/\d+\/compte-rendu$/);
    await expect(page.getByRole('main')).toContainText('Le portail des aides ne sait pas réutiliser les pièces');
    if (js) await axeClean(page);

    // Its board, as the projector showed it at the end.
    const board = page.url().replace(/\/compte-rendu$/, '/tableau');
    await page.goto(board);
    await expect(page.locator('.card').first()).toBeVisible();
    await expect(page.getByText('Les pièces demandées sont fixées par le règlement d’attribution', { exact: false })).toBeVisible();
    await shoot(page, info, 'demo-board', 720);

    // The dashboard: eleven ideas through the stages.
    await page.goto(`${server.url}/tableau-de-bord`);
    const funnel = page.getByRole('figure', { name: 'Idées par étape et par issue' });
    await expect(funnel.getByRole('row', { name: /^Prête à devenir projet/ }).getByRole('cell').last()).toHaveText('3');
    await expect(funnel.getByRole('row', { name: /^Esquisse/ }).getByRole('cell').last()).toHaveText('4');
    if (js) await hydrated(page);
    if (js) await axeClean(page);
    await shoot(page, info, 'demo-dashboard', 1100);

    // The library, filed by the innovation mission; the search.
    await page.goto(`${server.url}/mines`);
    await expect(page.getByRole('heading', { name: 'Conformité au RGAA' })).toBeVisible();
    await page.goto(`${server.url}/recherche?q=velo`);
    // The idea first, then its contributions (named after it).
    const first = page.getByRole('main').getByRole('link', { name: /vélos de service partagés/ }).first();
    await expect(first).toHaveAttribute('href', /^\/idees\/\d+$/);
  } finally {
    server.stop();
  }
});

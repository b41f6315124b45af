import { test, expect, jsEnabled, hydrated } from './fixtures';

test('the home page explains the app in French, with landmarks and a skip link', async ({ page, problems }, info) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/Les Démineurs/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déminer une idée avant qu’elle ne devienne un projet');
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();
  if (jsEnabled(info.project.name)) await hydrated(page);

  // The first Tab reaches the skip link, which shows itself and leads to the content.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#contenu$/);
});

// Needs JavaScript: run by the projects with it only (@js, playwright.config.ts).
test('the maturity guide shows one stage at a time once the wasm has loaded', { tag: '@js' }, async ({ page, problems }) => {
  await page.goto('/');
  await hydrated(page);
  const demined = page.getByRole('button', { name: 'Déminée' });
  await expect(page.getByRole('button', { name: 'Graine' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#stage-deminee')).toBeHidden();
  await demined.click();
  await expect(demined).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#stage-deminee')).toBeVisible();
  await expect(page.locator('#stage-deminee')).toContainText('quatre domaines');
  await expect(page.locator('#stage-graine')).toBeHidden();
});

// The no-JavaScript rendering: run by the projects without it only (@nojs).
test('without JavaScript the maturity guide lists every stage', { tag: '@nojs' }, async ({ page, problems }) => {
  await page.goto('/');
  await expect(page.getByRole('group', { name: 'Étapes de maturité' })).toBeHidden();
  for (const id of ['graine', 'esquisse', 'deminee', 'prete']) {
    await expect(page.locator(`#stage-${id}`)).toBeVisible();
  }
});

test('the language switch turns the interface to English and back', async ({ page, problems }, info) => {
  await page.goto('/');
  if (jsEnabled(info.project.name)) await hydrated(page);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('De-mine an idea before it becomes a project');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  if (jsEnabled(info.project.name)) await hydrated(page);
  await page.getByRole('button', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déminer une idée avant qu’elle ne devienne un projet');
});

test('an unknown address shows the French 404 page', async ({ page, problems }, info) => {
  const response = await page.goto('/cette-page-nexiste-pas');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  await page.getByRole('link', { name: 'Revenir à l’accueil' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déminer une idée avant qu’elle ne devienne un projet');
  if (jsEnabled(info.project.name)) await hydrated(page);
});

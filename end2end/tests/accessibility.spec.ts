import AxeBuilder from '@axe-core/playwright';
import type { Page, Response } from '@playwright/test';
import { test, expect, jsEnabled, hydrated } from './fixtures';
import { logInAsAdmin, mainPages } from './routes';

// Every route of the router's list, answered 200, and the 404 page.
const pages = [
  ...mainPages().map((p) => ({ ...p, status: 200 })),
  { path: '/cette-page-nexiste-pas', admin: false, status: 404 },
];

/// The page answered `status` and has one visible, non-empty <h1>: axe
/// finding nothing on an error page or an empty shell would prove nothing.
async function expectPage(page: Page, response: Response | null, status: number) {
  expect(response, 'the navigation got a response').not.toBeNull();
  expect(response!.status(), `status of ${page.url()}`).toBe(status);
  const headings = page.locator('h1:visible');
  await expect(headings, 'exactly one visible <h1>').toHaveCount(1);
  expect((await headings.innerText()).trim(), 'the <h1> says something').not.toBe('');
}

for (const { path, admin, status } of pages) {
  test(`axe finds nothing on ${path}`, async ({ page, browser, problems, baseURL }, info) => {
    if (jsEnabled(info.project.name)) {
      if (admin) await logInAsAdmin(page.request, baseURL!);
      const response = await page.goto(path);
      await hydrated(page);
      await expectPage(page, response, status);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
      // Nothing wider than the screen: on a phone, an overflow zooms the
      // whole page out (WCAG 1.4.10, reflow).
      const [scrolled, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(scrolled, 'horizontal overflow').toBeLessThanOrEqual(width);
      return;
    }
    // axe needs JavaScript to run; check the page as a browser without
    // JavaScript gets it: the same HTML with its scripts removed.
    const context = await browser.newContext({ viewport: page.viewportSize(), javaScriptEnabled: true, baseURL });
    try {
      const plain = await context.newPage();
      if (admin) await logInAsAdmin(plain.request, baseURL!);
      await plain.route('**/*', async (route) => {
        if (route.request().resourceType() !== 'document') return route.continue();
        const response = await route.fetch();
        const body = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, '');
        await route.fulfill({ response, body });
      });
      const response = await plain.goto(path);
      await expect(plain.locator('script')).toHaveCount(0);
      await expectPage(plain, response, status);
      const results = await new AxeBuilder({ page: plain }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    } finally {
      await context.close();
    }
  });
}

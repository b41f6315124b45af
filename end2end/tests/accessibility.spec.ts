import AxeBuilder from '@axe-core/playwright';
import { test, expect, jsEnabled, hydrated } from './fixtures';
import { logInAsAdmin, mainPages } from './routes';

// Every route of the router's list, and the 404 page.
const pages = [...mainPages(), { path: '/cette-page-nexiste-pas', admin: false }];

for (const { path, admin } of pages) {
  test(`axe finds nothing on ${path}`, async ({ page, browser, problems, baseURL }, info) => {
    if (jsEnabled(info.project.name)) {
      if (admin) await logInAsAdmin(page.request, baseURL!);
      await page.goto(path);
      await hydrated(page);
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
    const plain = await context.newPage();
    if (admin) await logInAsAdmin(plain.request, baseURL!);
    await plain.route('**/*', async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      const body = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, '');
      await route.fulfill({ response, body });
    });
    await plain.goto(path);
    await expect(plain.locator('script')).toHaveCount(0);
    const results = await new AxeBuilder({ page: plain }).analyze();
    await context.close();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

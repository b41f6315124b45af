import { test as base, expect, Browser, Page, TestInfo } from '@playwright/test';

/// Every test fails on a console error, an uncaught page error or a CSP
/// violation; with JavaScript on, `hydrated(page)` waits for the islands.
export const test = base.extend<{ problems: string[] }>({
  problems: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      // A page answered with 404 on purpose is logged by Chromium; nothing else may be.
      const expected404 = m.text().includes('status of 404') && m.location().url === page.url();
      if (m.type() === 'error' && !expected404) problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as any).__csp = ((window as any).__csp || []).concat(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await use(problems);
    const csp = await page.evaluate(() => (window as any).__csp || []).catch(() => []);
    expect([...problems, ...csp.map((c: string) => `CSP: ${c}`)]).toEqual([]);
  },
});

export { expect };

export const jsEnabled = (name: string) => !name.endsWith('-nojs');

/// Resolves once the page's islands have hydrated: on the home page the
/// maturity guide; on the projector board (no site frame) its live pulse;
/// elsewhere the language form, on a workshop phone inside the closed menu.
export async function hydrated(page: Page) {
  const path = new URL(page.url()).pathname;
  if (/^\/ateliers\/\d+\/tableau$/.test(path)) {
    await expect(page.locator('.live-pulse[data-ready="true"]')).toBeAttached();
  } else if (/^\/ateliers\/\d+$/.test(path)) {
    await expect(page.locator('form.lang-switch[data-ready="true"]')).toBeAttached();
  } else {
    const island = path === '/' ? '.maturity-guide' : 'form.lang-switch';
    await expect(page.locator(`${island}[data-ready="true"]`)).toBeVisible();
  }
}

/// A second, separate browser with the project's settings (viewport,
/// JavaScript on or off), as someone else on their own device.
export async function secondBrowser(browser: Browser, info: TestInfo) {
  const use = info.project.use;
  const context = await browser.newContext({
    viewport: use.viewport, isMobile: use.isMobile, hasTouch: use.hasTouch, deviceScaleFactor: use.deviceScaleFactor,
    javaScriptEnabled: use.javaScriptEnabled, locale: 'fr-FR',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { page, problems, close: () => context.close() };
}

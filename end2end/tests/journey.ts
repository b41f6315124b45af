import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page, TestInfo } from '@playwright/test';
import { expect, secondBrowser } from './fixtures';
import { OwnServer } from './own-server';

/// The password every journey's people share (listed in test-passwords.txt,
/// which the log scan looks for).
export const PASSWORD = 'une phrase de passe solide';

/// Calls a server function as the page's browser (sharing its cookies).
export async function api(page: Page, server: OwnServer, fn: string, form: Record<string, string>) {
  const response = await page.request.post(`${server.url}/api/${fn}`, { form, maxRedirects: 0 });
  expect(response.status(), fn).toBeLessThan(400);
  return response;
}

/// A colleague invited by the administrator, signed up in a browser of their own.
export async function colleague(browser: Browser, info: TestInfo, admin: Page, server: OwnServer, name: string, email: string) {
  const invited = await api(admin, server, 'create_invitation', { role: 'member' });
  const token = invited.headers()['location'].split('lien=')[1];
  const other = await secondBrowser(browser, info);
  await api(other.page, server, 'sign_up', { token, display_name: name, email, password: PASSWORD });
  return other;
}

export async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

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

/// Publishes an idea as the page's person; its id and path.
export async function publish(page: Page, server: OwnServer, title: string) {
  const created = await api(page, server, 'create_idea', { request_id: crypto.randomUUID(), title, problem: 'Un problème bien réel.' });
  const path = created.headers()['location'].split('/modifier')[0];
  const id = path.split('/').pop() as string;
  await api(page, server, 'save_idea', { request_id: crypto.randomUUID(), idea_id: id, revision: '1', title,
    problem: 'Un problème bien réel.', proposal: 'Une proposition.', beneficiaries: 'Les agents', help_sought: '', tags: 'essai', publish: '1' });
  return { path, id };
}

export async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

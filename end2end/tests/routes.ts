import fs from 'node:fs';
import { needsSignIn } from '../signed-in.mjs';

/// The router's pages (written by `demineurs routes`), with a sample value
/// for each parameter, and whether a page needs someone signed in.
export function mainPages(): { path: string; admin: boolean }[] {
  const routes: string[] = JSON.parse(fs.readFileSync(new URL('../routes.json', import.meta.url), 'utf8'));
  return routes.map((route) => ({
    path: route.replace(/\{[^}]+\}|:[A-Za-z_]+/g, 'exemple-de-lien-ferme'),
    admin: needsSignIn(route),
  }));
}

/// Signs the browser context in as the test administrator (made by
/// `demineurs create-admin` in scripts/test.sh).
export async function logInAsAdmin(request: import('@playwright/test').APIRequestContext, base: string) {
  const response = await request.post(`${base}/api/log_in`, {
    form: { email: process.env.E2E_ADMIN_EMAIL || '', password: process.env.E2E_ADMIN_PASSWORD || '' },
    maxRedirects: 0,
  });
  if (response.status() >= 400) throw new Error(`admin log-in failed: ${response.status()}`);
}

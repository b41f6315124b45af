import { mainRoutes, needsSignIn, samplePath, seededPages } from '../pages.mjs';

/// The router's pages (written by `demineurs routes`), with a sample value
/// for each parameter, and whether a page needs someone signed in.
export function mainPages(): { path: string; admin: boolean }[] {
  const routes = mainRoutes().map((route: string) => ({ path: samplePath(route), admin: needsSignIn(route) }));
  return [...routes, ...seededPages().map((path: string) => ({ path, admin: true }))];
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

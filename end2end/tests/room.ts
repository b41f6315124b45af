// A workshop room for the journeys: phones, an instance with a live round,
// the console started from the idea's page, the phases.
import type { Browser, Page } from '@playwright/test';
import { expect } from './fixtures';
import { api, PASSWORD } from './journey';
import { OwnServer } from './own-server';

/// A phone: 390×844, touch, its own cookies.
export async function phone(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, javaScriptEnabled, locale: 'fr-FR',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return { page, context, problems, close: () => context.close() };
}

/// An instance with Camille (administrator, author), Anne (holds domain 1),
/// a published idea and a live round calling domains 1 and 2.
export async function liveRound(page: Page, server: OwnServer) {
  await api(page, server, 'complete_setup', { token: server.token, organisation: 'Ville de Nantes', display_name: 'Camille Martin',
    email: 'camille@nantes.fr', password: PASSWORD });
  const created = await api(page, server, 'create_idea', { request_id: crypto.randomUUID(), title: 'Covoiturage entre agents',
    problem: 'Les parkings débordent chaque matin.' });
  const ideaPath = created.headers()['location'].split('/modifier')[0];
  const id = ideaPath.split('/').pop() as string;
  await api(page, server, 'save_idea', { request_id: crypto.randomUUID(), idea_id: id, revision: '1', title: 'Covoiturage entre agents',
    problem: 'Les parkings débordent chaque matin.', proposal: 'Une plateforme interne de covoiturage.',
    beneficiaries: 'Les agents', help_sought: '', tags: 'mobilité', publish: '1' });
  await api(page, server, 'open_round', { request_id: crypto.randomUUID(), idea_id: id, focus: 'Qu’est-ce qui peut coincer ?',
    mode: 'live', deadline: '', 'domains[]': '1', invitees: '' });
  return `${server.url}${ideaPath}`;
}

/// Opens the console from the idea page; returns the join code.
export async function startFromIdea(page: Page, ideaUrl: string, steps: RegExp[] = []) {
  await page.goto(ideaUrl);
  // The optional steps are chosen when the workshop starts.
  for (const step of steps) await page.getByLabel(step).check();
  await page.getByRole('button', { name: 'Ouvrir la console de l’atelier' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Console de l’atelier');
  const text = await page.getByText(/Code de l’atelier [A-Z2-9]{6}/).first().innerText();
  return /([A-Z2-9]{6})/.exec(text.replace('Code de l’atelier', ''))![1];
}

export async function nextPhase(console: Page, name: string) {
  await console.getByRole('button', { name: `Passer à la phase : ${name}` }).click();
  await expect(console.locator('.phase')).toContainText(name, { timeout: 10_000 });
}

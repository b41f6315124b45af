import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import { test, expect, jsEnabled, hydrated } from './fixtures';

// Every route of the router's list (written by `demineurs routes`), and the 404 page.
const routes: string[] = JSON.parse(fs.readFileSync(new URL('../routes.json', import.meta.url), 'utf8'));
const pages = [...routes, '/cette-page-nexiste-pas'];

for (const path of pages) {
  test(`axe finds nothing on ${path}`, async ({ page, problems }, info) => {
    await page.goto(path);
    if (jsEnabled(info.project.name) && path === '/') await hydrated(page);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}

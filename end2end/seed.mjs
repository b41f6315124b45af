// Seeds the browser-test instance through its own API, as a person would:
// 21 published ideas (so the list has two pages) and one idea with 10
// versions and long texts, the heaviest idea page the budgets must hold.
// Writes seed.json with that idea's id. Usage: node seed.mjs BASE_URL
import fs from 'node:fs';

const BASE = process.argv[2] || 'http://127.0.0.1:3000';

async function logIn() {
  const response = await fetch(new URL('/api/log_in', BASE), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: process.env.E2E_ADMIN_EMAIL || '', password: process.env.E2E_ADMIN_PASSWORD || '' }),
  });
  const cookie = (response.headers.getSetCookie?.() || []).find((c) => c.startsWith('demineurs_session='));
  if (!cookie) throw new Error(`seed: cannot log in (${response.status})`);
  return cookie.split(';')[0];
}

const cookie = await logIn();

async function call(fn, fields) {
  const response = await fetch(new URL(`/api/${fn}`, BASE), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields),
  });
  if (response.status >= 400) throw new Error(`seed: ${fn} answered ${response.status}: ${await response.text()}`);
  return response;
}

const paragraph = (n, words) =>
  Array.from({ length: words }, (_, i) => ['les', 'agents', 'usagers', 'service', 'réseau', 'délai', 'données', 'budget'][(i * 7 + n) % 8]).join(' ');

/// Posts an idea in two steps and publishes it; returns its id.
async function post(title, problem, proposal, tags) {
  const created = await call('create_idea', { request_id: crypto.randomUUID(), title, problem });
  const id = Number(created.headers.get('location').match(/\/idees\/(\d+)\//)[1]);
  await call('save_idea', {
    request_id: crypto.randomUUID(), idea_id: String(id), revision: '1', title, problem, proposal,
    beneficiaries: 'Les agents et les usagers', help_sought: 'Juridique, finances', tags, publish: '1',
  });
  return id;
}

for (let n = 1; n <= 20; n++) {
  await post(`Idée d’essai numéro ${n}`, paragraph(n, 40), paragraph(n + 1, 60), n % 2 ? 'mobilité, numérique' : 'accueil');
}
const long = (n) => `${paragraph(n, 450)}\n\n${paragraph(n + 3, 100)}`;
const id = await post('Une idée longue, reprise dix fois', long(1), long(2), 'mobilité, réseau, énergie');
for (let version = 2; version <= 10; version++) {
  await call('save_idea', {
    request_id: crypto.randomUUID(), idea_id: String(id), revision: String(version), title: 'Une idée longue, reprise dix fois',
    problem: `${long(1)} Précision ${version}.`, proposal: `${long(2)} Étape ${version}.`,
    beneficiaries: `Les agents et les usagers (${version})`, help_sought: 'Juridique, finances', tags: 'mobilité, réseau, énergie',
  });
}
fs.writeFileSync(new URL('./seed.json', import.meta.url), JSON.stringify({ ideaId: id }));
console.log(`seed: 21 ideas, idea ${id} with 10 versions`);

// The main pages as the browser tests and the budgets visit them: every
// route of the router (routes.json, from `demineurs routes`) with its
// parameters given sample values, and whether it needs someone signed in.
import fs from 'node:fs';

const here = (file) => new URL(file, import.meta.url);

/// What seed.mjs wrote: the idea with 10 versions and long texts
/// (`ideaId`), the idea with 5 versions, 3 rounds and 150 contributions
/// (`roundsIdeaId`), one of its contributions (`contributionId`) and a
/// workshop in its vote (`workshopId`). Without it the idea pages would be
/// visited with a sample that matches nothing, and the heaviest pages not at
/// all: a missing or incomplete seed is an error, never an empty list.
const SEEDED_IDS = ['ideaId', 'roundsIdeaId', 'contributionId', 'workshopId'];

function seeded() {
  const file = here('./seed.json');
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`no seed: ${file.pathname} cannot be read (${e.code || e.message}); run \`node seed.mjs BASE_URL\` first (scripts/test.sh does)`);
  }
  let seed;
  try {
    seed = JSON.parse(text);
  } catch (e) {
    throw new Error(`bad seed: ${file.pathname} is not JSON (${e.message}); run seed.mjs again`);
  }
  const missing = SEEDED_IDS.filter((key) => !(Number.isInteger(seed?.[key]) && seed[key] > 0));
  if (missing.length) throw new Error(`incomplete seed: ${file.pathname} lacks ${missing.join(', ')}; run seed.mjs again`);
  return seed;
}

export const needsSignIn = (path) =>
  path.startsWith('/admin') || path.startsWith('/profil') || path.startsWith('/idees') ||
  path.startsWith('/notifications') || path.startsWith('/ateliers') || path.startsWith('/reglages') ||
  path.startsWith('/annuaire') || path.startsWith('/tableau-de-bord') || path === '/mines' ||
  path.startsWith('/recherche');

/// A visitable path for a route: idea pages show the seeded idea (its
/// versions compared from first to last); other parameters get a sample
/// that matches nothing, such as a closed link.
export function samplePath(route) {
  const { ideaId, roundsIdeaId, contributionId, workshopId } = seeded();
  if (route.startsWith('/ateliers/{id}')) return route.replace('{id}', String(workshopId));
  // The first administrator (`demineurs create-admin`) is the first person.
  if (route.startsWith('/annuaire/{id}')) return route.replace('{id}', '1');
  // A colleague seed.mjs invited: their page offers every action.
  if (route.startsWith('/admin/membres/{id}')) return route.replace('{id}', '2');
  // A search that finds ideas and contributions, its words marked.
  if (route === '/recherche') return '/recherche?q=r%C3%A9seaux';
  // The seeded idea's third round, which seed.mjs leaves open: its end page.
  if (route.includes('{tour}')) return route.replace('{id}', String(roundsIdeaId)).replace('{tour}', '3');
  if (route.includes('{cid}')) return route.replace('{id}', String(roundsIdeaId)).replace('{cid}', String(contributionId));
  if (route.startsWith('/idees/{id}')) {
    const path = route.replace('{id}', String(ideaId));
    return path.endsWith('/versions') ? `${path}?de=1&a=10` : path;
  }
  return route.replace(/\{[^}]+\}|:[A-Za-z_]+/g, 'exemple-de-lien-ferme');
}

export function mainRoutes() {
  const routes = JSON.parse(fs.readFileSync(here('./routes.json'), 'utf8'));
  if (!Array.isArray(routes) || routes.length === 0) throw new Error('routes.json lists no route (`demineurs routes` writes it)');
  return routes;
}

/// Seeded pages that no route's sample shows: the idea with its rounds and
/// its fiche, the heaviest pages of démining.
export function seededPages() {
  const { roundsIdeaId } = seeded();
  return [heaviestIdeaPage(), `/idees/${roundsIdeaId}/fiche`];
}

/// The idea with 3 rounds and 150 contributions.
export function heaviestIdeaPage() {
  return `/idees/${seeded().roundsIdeaId}`;
}

/// The test administrator's session cookie ("name=value"), signed in by the
/// sign-in form's server function (scripts/test.sh creates the account).
export async function adminCookie(base) {
  const response = await fetch(new URL('/api/log_in', base), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: process.env.E2E_ADMIN_EMAIL || '', password: process.env.E2E_ADMIN_PASSWORD || '' }),
  });
  const cookie = (response.headers.getSetCookie?.() || []).find((c) => c.startsWith('demineurs_session='));
  if (!cookie) throw new Error(`cannot log in as the test administrator (${response.status})`);
  return cookie.split(';')[0];
}

/// The pages Lighthouse grades: the home page, sign-in, the idea list, the
/// heaviest idea page (3 rounds, 150 contributions), the dashboard and the
/// workshop's phone.
export function lighthousePages() {
  const { workshopId } = seeded();
  return ['/', '/connexion', '/idees', heaviestIdeaPage(), '/tableau-de-bord', `/ateliers/${workshopId}`];
}

// The main pages as the browser tests and the budgets visit them: every
// route of the router (routes.json, from `demineurs routes`) with its
// parameters given sample values, and whether it needs someone signed in.
import fs from 'node:fs';

const here = (file) => new URL(file, import.meta.url);

/// What seed.mjs wrote: the idea with 10 versions and long texts
/// (`ideaId`), the idea with 5 versions, 3 rounds and 150 contributions
/// (`roundsIdeaId`), one of its contributions (`contributionId`) and a
/// workshop in its vote (`workshopId`).
function seeded() {
  try {
    return JSON.parse(fs.readFileSync(here('./seed.json'), 'utf8'));
  } catch {
    return {};
  }
}

function seededIdea() {
  return seeded().ideaId ?? null;
}

export const needsSignIn = (path) =>
  path.startsWith('/admin') || path.startsWith('/profil') || path.startsWith('/idees') ||
  path.startsWith('/notifications') || path.startsWith('/ateliers');

/// A visitable path for a route: idea pages show the seeded idea (its
/// versions compared from first to last); other parameters get a sample
/// that matches nothing, such as a closed link.
export function samplePath(route) {
  const { roundsIdeaId, contributionId, workshopId } = seeded();
  if (workshopId && route.startsWith('/ateliers/{id}')) return route.replace('{id}', String(workshopId));
  if (roundsIdeaId && route.includes('{cid}')) {
    return route.replace('{id}', String(roundsIdeaId)).replace('{cid}', String(contributionId));
  }
  const idea = seededIdea();
  if (idea && route.startsWith('/idees/{id}')) {
    const path = route.replace('{id}', String(idea));
    return path.endsWith('/versions') ? `${path}?de=1&a=10` : path;
  }
  return route.replace(/\{[^}]+\}|:[A-Za-z_]+/g, 'exemple-de-lien-ferme');
}

export function mainRoutes() {
  return JSON.parse(fs.readFileSync(here('./routes.json'), 'utf8'));
}

/// Seeded pages that no route's sample shows: the idea with its rounds and
/// its fiche, the heaviest pages of démining.
export function seededPages() {
  const { roundsIdeaId } = seeded();
  return roundsIdeaId ? [`/idees/${roundsIdeaId}`, `/idees/${roundsIdeaId}/fiche`] : [];
}

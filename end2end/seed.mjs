// Seeds the browser-test instance through its own API, as people would:
// 21 published ideas (so the list has two pages), one idea with 10 versions
// and long texts, and one with 5 versions, 3 rounds and 150 contributions
// from five colleagues holding five domains: the heaviest idea pages the
// budgets must hold; and a workshop in its vote, for the phone and the
// board. Writes seed.json with their ids.
// Usage: node seed.mjs BASE_URL
import fs from 'node:fs';
import { adminCookie } from './pages.mjs';

const BASE = process.argv[2] || 'http://127.0.0.1:3000';
const SEED_FILE = new URL('./seed.json', import.meta.url);
// A seed.json of an earlier run would name another instance's ids: it goes
// first, and a new one is written only once every step has succeeded.
fs.rmSync(SEED_FILE, { force: true });

const cookie = await adminCookie(BASE);

async function callAs(who, fn, fields) {
  const response = await fetch(new URL(`/api/${fn}`, BASE), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(who ? { cookie: who } : {}) },
    body: new URLSearchParams(fields),
  });
  if (response.status >= 400) {
    const error = new Error(`seed: ${fn} answered ${response.status}: ${await response.text()}`);
    error.status = response.status;
    throw error;
  }
  return response;
}

const call = (fn, fields) => callAs(cookie, fn, fields);

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

/// A colleague invited by the administrator, holding one domain: their cookie.
async function colleague(n, domain) {
  const invited = await call('create_invitation', { role: 'member' });
  const token = invited.headers.get('location').split('lien=')[1];
  const signedUp = await callAs(null, 'sign_up', {
    token, display_name: `Collègue ${n}`, email: `collegue${n}@seed.test`, password: 'une phrase de passe solide',
  });
  const theirs = (signedUp.headers.getSetCookie?.() || []).find((c) => c.startsWith('demineurs_session='));
  if (!theirs) throw new Error('seed: a colleague could not sign up');
  const who = theirs.split(';')[0];
  await callAs(who, 'update_profile', { display_name: `Collègue ${n}`, service: 'Service essai', 'domains[]': String(domain) });
  return who;
}

const people = [];
for (let n = 1; n <= 5; n++) people.push(await colleague(n, n));

const roundsIdea = await post('Une idée passée par trois tours', paragraph(5, 120), paragraph(6, 160), 'mobilité, réseau');
let version = 1;
async function newVersion() {
  version += 1;
  await call('save_idea', {
    request_id: crypto.randomUUID(), idea_id: String(roundsIdea), revision: String(version), title: 'Une idée passée par trois tours',
    problem: `${paragraph(5, 120)} Version ${version}.`, proposal: paragraph(6, 160), beneficiaries: 'Les agents et les usagers',
    help_sought: 'Juridique, finances', tags: 'mobilité, réseau',
  });
}

const KINDS = ['mine', 'workaround', 'question', 'resource', 'all_clear', 'mine', 'help_offer', 'mine'];
const SEVERITIES = ['blocking', 'serious', 'watch'];
/// All contributions of a round, through the paginated panel.
async function contributionsOf(round) {
  const all = [];
  for (let page = 1; ; page++) {
    const panel = await (await call('get_rounds', { idea_id: String(roundsIdea), round: String(round), page: String(page) })).json();
    const block = panel.rounds.find((b) => b.info.number === round);
    all.push(...block.contributions);
    if (page >= block.page_count) return { roundId: block.info.id, all };
  }
}

let contributionId = null;
for (let round = 1; round <= 3; round++) {
  await call('open_round', {
    request_id: crypto.randomUUID(), idea_id: String(roundsIdea), focus: `Qu’est-ce qui peut coincer, tour ${round} ?`,
    mode: 'live', deadline: '', invitees: '', 'domains[]': '1',
  });
  const { roundId } = await contributionsOf(round);
  for (let i = 0; i < 50; i++) {
    const kind = KINDS[(i + round) % KINDS.length];
    const n = i % people.length;
    await callAs(people[n], 'contribute', {
      request_id: crypto.randomUUID(), idea_id: String(roundsIdea), round_id: String(roundId), kind,
      domain_id: ['mine', 'all_clear', 'help_offer'].includes(kind) ? String(n + 1) : '',
      severity: kind === 'mine' ? SEVERITIES[i % 3] : '', body: `${paragraph(i + round, 30)} (${round}.${i})`,
      link: kind === 'resource' ? 'https://www.numerique.gouv.fr/' : '', answers: '',
    });
  }
  await call('reveal_round', { idea_id: String(roundsIdea), round_id: String(roundId), confirm: 'oui' });
  const { all } = await contributionsOf(round);
  if (all.length !== 50) throw new Error(`seed: round ${round} shows ${all.length} contributions, not 50`);
  contributionId ??= all.find((c) => c.kind === 'Mine')?.id ?? null;
  if (!contributionId) throw new Error(`seed: round ${round} shows no mine`);
  let endorsed = 0;
  for (const [i, c] of all.entries()) {
    if (i % 4 !== 0) continue;
    // Refused (422) when the colleague wrote it: one's own contribution
    // cannot be endorsed. Any other failure stops the seed.
    try {
      await callAs(people[(i + 1) % people.length], 'endorse', { contribution_id: String(c.id) });
      endorsed++;
    } catch (e) {
      if (e.status !== 422) throw e;
    }
  }
  if (endorsed === 0) throw new Error(`seed: no contribution of round ${round} could be endorsed`);
  // The last round stays open, its mines half triaged: the page shows it first.
  const mines = all.filter((c) => c.kind === 'Mine');
  for (const [i, mine] of mines.entries()) {
    if (round === 3 && i % 2) continue;
    await call('triage_mine', {
      request_id: crypto.randomUUID(), contribution_id: String(mine.id), triage: 'accepted', workaround_id: '',
      workaround_text: '', note: 'Risque connu et assumé pour le pilote.', owner: '', due: '',
    });
  }
  if (round < 3) {
    await call('close_round', { round_id: String(roundId), synthesis: `Synthèse du tour ${round}.`, next_step: 'Un pilote sur un site.' });
    await newVersion();
    await newVersion();
  }
}

// A workshop in its vote, for the phone and the board: a live round, the
// administrator in the room, twelve contributions from the colleagues.
const workshopIdea = await post('Un atelier en cours', paragraph(7, 60), paragraph(8, 80), 'atelier');
await call('open_round', [
  ['request_id', crypto.randomUUID()], ['idea_id', String(workshopIdea)], ['focus', 'Qu’est-ce qui peut coincer pendant le pilote ?'],
  ['mode', 'live'], ['deadline', ''], ['invitees', ''], ['domains[]', '1'], ['domains[]', '2'], ['domains[]', '3'],
]);
const livePanel = await (await call('get_rounds', { idea_id: String(workshopIdea) })).json();
const started = await call('start_workshop', { round_id: String(livePanel.rounds[0].info.id) });
const workshopId = Number(started.headers.get('location').split('/')[2]);
const desk = await (await call('workshop_console', { workshop_id: String(workshopId) })).json();
for (const who of [cookie, ...people]) await callAs(who, 'join_workshop', { code: desk.code, name: '' });
await call('next_phase', { workshop_id: String(workshopId), from: 'pitch', minutes: '' });
for (let i = 0; i < 12; i++) {
  const n = i % people.length;
  await callAs(people[n], 'post_live', {
    request_id: crypto.randomUUID(), workshop_id: String(workshopId), started_in: 'writing', kind: i % 3 ? 'mine' : 'question',
    domain_id: i % 3 ? String(n + 1) : '', severity: i % 3 ? SEVERITIES[i % 3] : '', body: `${paragraph(i, 20)} (atelier ${i})`,
  });
}
await call('next_phase', { workshop_id: String(workshopId), from: 'writing', minutes: '' });
await call('next_phase', { workshop_id: String(workshopId), from: 'reveal', minutes: '' });

fs.writeFileSync(SEED_FILE, JSON.stringify({ ideaId: id, roundsIdeaId: roundsIdea, contributionId, workshopId }));
console.log(`seed: 22 ideas, idea ${id} with 10 versions, idea ${roundsIdea} with ${version} versions, 3 rounds, 150 contributions`);

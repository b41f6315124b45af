// Posting contributions under load: an administrator opens a live round on
// a fresh idea; WORKERS colleagues, each signed in on their own, write
// mines into it, a fresh key for every request so that the idempotency
// shortcut is never what is measured. Reports throughput and latency
// percentiles; asserts nothing.
// Usage: node bench/contribute.mjs BASE_URL SECONDS WORKERS (admin from E2E_ADMIN_*)
const [BASE, SECONDS = '10', WORKERS = '8'] = process.argv.slice(2);

async function post(cookie, fn, fields) {
  const started = performance.now();
  const response = await fetch(new URL(`/api/${fn}`, BASE), {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });
  const body = await response.text();
  if (response.status >= 400) throw new Error(`${fn}: ${response.status} ${body}`);
  return { response, body, ms: performance.now() - started };
}

const sessionOf = (response) => response.headers.getSetCookie().find((c) => c.startsWith('demineurs_session=')).split(';')[0];
const admin = sessionOf((await post(null, 'log_in', { email: process.env.E2E_ADMIN_EMAIL, password: process.env.E2E_ADMIN_PASSWORD })).response);

const created = await post(admin, 'create_idea', { request_id: crypto.randomUUID(), title: 'Idée du banc d’essai', problem: 'Un constat.' });
const idea = created.response.headers.get('location').match(/\/idees\/(\d+)\//)[1];
await post(admin, 'publish_idea', { idea_id: idea });
await post(admin, 'open_round', { request_id: crypto.randomUUID(), idea_id: idea, focus: 'Qu’est-ce qui coince ?', mode: 'live', deadline: '', invitees: '' });
const panel = JSON.parse((await post(admin, 'get_rounds', { idea_id: idea })).body);
const round = String(panel.rounds[0].info.id);

const people = [];
for (let w = 0; w < Number(WORKERS); w++) {
  const invited = await post(admin, 'create_invitation', { role: 'member' });
  const token = invited.response.headers.get('location').split('lien=')[1];
  const signedUp = await post(null, 'sign_up', {
    token, display_name: `Démineur ${w}`, email: `bench${w}-${Date.now()}@example.org`, password: 'bench member password',
  });
  people.push(sessionOf(signedUp.response));
}

const timings = [];
const deadline = performance.now() + Number(SECONDS) * 1000;
async function worker(w) {
  while (performance.now() < deadline) {
    const sent = await post(people[w], 'contribute', {
      request_id: crypto.randomUUID(), idea_id: idea, round_id: round, kind: 'mine', domain_id: '1', severity: 'serious',
      body: 'Une mine de quelques lignes, comme en écrivent les agents pendant l’écriture silencieuse.', link: '', answers: '',
    });
    timings.push(sent.ms);
  }
}
const started = performance.now();
await Promise.all(people.map((_, w) => worker(w)));
const elapsed = (performance.now() - started) / 1000;

const pct = (values, p) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))].toFixed(1);
console.log(`== posting contributions: ${WORKERS} colleagues, ${elapsed.toFixed(1)} s`);
console.log(`   contributions: ${timings.length} (${(timings.length / elapsed).toFixed(0)}/s)`);
console.log(`   contribute: p50 ${pct(timings, 0.5)} ms, p95 ${pct(timings, 0.95)} ms, p99 ${pct(timings, 0.99)} ms`);

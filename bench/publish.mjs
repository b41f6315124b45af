// Posting and publishing ideas under load: each worker posts step one
// (create_idea) then publishes it (save_idea with publish=1), with a fresh
// key for every request so that the idempotency shortcut is never what is
// measured. Reports throughput and latency percentiles; asserts nothing.
// Usage: node bench/publish.mjs BASE_URL SECONDS WORKERS (admin from E2E_ADMIN_*)
const [BASE, SECONDS = '10', WORKERS = '8'] = process.argv.slice(2);

const login = await fetch(new URL('/api/log_in', BASE), {
  method: 'POST', redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ email: process.env.E2E_ADMIN_EMAIL, password: process.env.E2E_ADMIN_PASSWORD }),
});
const cookie = login.headers.getSetCookie().find((c) => c.startsWith('demineurs_session=')).split(';')[0];

async function call(fn, fields) {
  const started = performance.now();
  const response = await fetch(new URL(`/api/${fn}`, BASE), {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields),
  });
  await response.arrayBuffer();
  if (response.status >= 400) throw new Error(`${fn}: ${response.status}`);
  return { response, ms: performance.now() - started };
}

const timings = { create_idea: [], save_idea: [] };
const deadline = performance.now() + Number(SECONDS) * 1000;
let published = 0;
async function worker(w) {
  for (let n = 0; performance.now() < deadline; n++) {
    const title = `Idée de charge ${w}-${n}`;
    const problem = 'Un constat de quelques lignes, comme en écrivent les agents.';
    const created = await call('create_idea', { request_id: crypto.randomUUID(), title, problem });
    timings.create_idea.push(created.ms);
    const id = created.response.headers.get('location').match(/\/idees\/(\d+)\//)[1];
    const saved = await call('save_idea', {
      request_id: crypto.randomUUID(), idea_id: id, revision: '1', title, problem,
      proposal: 'Une proposition.', beneficiaries: 'Les usagers', help_sought: '', tags: 'charge', publish: '1',
    });
    timings.save_idea.push(saved.ms);
    published++;
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: Number(WORKERS) }, (_, w) => worker(w)));
const elapsed = (performance.now() - started) / 1000;

const pct = (values, p) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))].toFixed(1);
console.log(`== posting and publishing: ${WORKERS} workers, ${elapsed.toFixed(1)} s`);
console.log(`   ideas published: ${published} (${(published / elapsed).toFixed(0)}/s)`);
for (const [fn, values] of Object.entries(timings)) {
  console.log(`   ${fn}: p50 ${pct(values, 0.5)} ms, p95 ${pct(values, 0.95)} ms, p99 ${pct(values, 0.99)} ms`);
}

// What the live benches share: posting a server function's form as a
// browser would (cookies, redirects not followed), and a workshop started
// by the bench's administrator on a fresh instance.

/// Posts `fields` to the server function `fn`; returns the response, its
/// body and how long it took.
export async function post(base, cookie, fn, fields) {
  const started = performance.now();
  const response = await fetch(new URL(`/api/${fn}`, base), {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });
  const body = await response.text();
  return { response, body, ms: performance.now() - started };
}

/// As `post`, failing on a refusal.
export async function must(base, cookie, fn, fields) {
  const done = await post(base, cookie, fn, fields);
  if (done.response.status >= 400) throw new Error(`${fn}: ${done.response.status} ${done.body.slice(0, 200)}`);
  return done;
}

export const cookieOf = (response, name) => response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`)).split(';')[0];

/// Logs the administrator in (E2E_ADMIN_EMAIL / E2E_ADMIN_PASSWORD), posts
/// an idea with a live round calling domain 1 and starts its workshop.
/// Returns the administrator's cookie, the workshop's id and join code.
export async function startWorkshop(base) {
  const admin = cookieOf((await must(base, null, 'log_in', { email: process.env.E2E_ADMIN_EMAIL, password: process.env.E2E_ADMIN_PASSWORD })).response, 'demineurs_session');
  const created = await must(base, admin, 'create_idea', { request_id: crypto.randomUUID(), title: 'Atelier du banc d’essai', problem: 'Un constat.' });
  const idea = created.response.headers.get('location').match(/\/idees\/(\d+)\//)[1];
  await must(base, admin, 'publish_idea', { idea_id: idea });
  await must(base, admin, 'open_round', { request_id: crypto.randomUUID(), idea_id: idea, focus: 'Qu’est-ce qui coince ?', mode: 'live', deadline: '', 'domains[]': '1', invitees: '' });
  const rounds = await fetch(new URL('/api/get_rounds', base), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin }, body: new URLSearchParams({ idea_id: idea }),
  });
  const panel = JSON.parse(await rounds.text());
  const started = await must(base, admin, 'start_workshop', { round_id: String(panel.rounds[0].info.id) });
  const workshop = started.response.headers.get('location').match(/\/ateliers\/(\d+)\//)[1];
  const consoleHtml = await (await fetch(new URL(`/ateliers/${workshop}/console`, base), { headers: { cookie: admin } })).text();
  const code = consoleHtml.match(/Code de l’atelier\s*(?:<[^>]*>)*\s*([A-Z2-9]{6})/)[1];
  return { admin, workshop, code };
}

/// Percentile `p` (0..1) of `values`.
export const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;
};

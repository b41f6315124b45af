// Live workshop under load: PHONES guests join one workshop and hold its
// event stream (server-sent events); during the writing phase each posts
// one contribution with its own key at a random moment within 10 s (a
// failed post is retried with the same key, as the phone's outbox does).
// Reports post latency, commit-to-last-client fan-out (from the time the
// change was written, carried by each event, to its arrival on the last
// phone), posts lost and duplicated counted on every phone and in the
// database, and the server's memory; then IDLE streams held for
// IDLE_SECONDS with the memory sampled. Asserts nothing.
// Usage: node bench/live.mjs BASE_URL SERVER_PID DB_COUNT_COMMAND [PHONES] [IDLE] [IDLE_SECONDS]
//   DB_COUNT_COMMAND: a shell command printing "rows distinct" for a body prefix given as $1
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cookieOf, must as mustTo, pct, post as postTo, startWorkshop } from './workshop.mjs';

const [BASE, PID, COUNT_COMMAND, PHONES = '300', IDLE = '1000', IDLE_SECONDS = '120'] = process.argv.slice(2);
const N = Number(PHONES);
const WINDOW_MS = 10_000;
const RUN = `bench-${Date.now()}`;

const rssMb = () => {
  const line = readFileSync(`/proc/${PID}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS'));
  return Number(line.match(/(\d+)/)[1]) / 1024;
};
/// CPU seconds the server used so far (user + system).
const cpuSeconds = () => {
  const fields = readFileSync(`/proc/${PID}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const ms = (v) => `${v.toFixed(1)} ms`;

const post = (cookie, fn, fields) => postTo(BASE, cookie, fn, fields);
const must = (cookie, fn, fields) => mustTo(BASE, cookie, fn, fields);

// The workshop: an idea, a live round, its console.
const { admin, workshop, code } = await startWorkshop(BASE);

// The phones join (20 at a time).
const phones = [];
for (let i = 0; i < N; i += 20) {
  const batch = [];
  for (let j = i; j < Math.min(N, i + 20); j++) {
    batch.push(must(null, 'join_workshop', { code, name: `Téléphone ${j}` }).then((r) => cookieOf(r.response, 'demineurs_guest')));
  }
  phones.push(...(await Promise.all(batch)));
}
await must(admin, 'next_phase', { workshop_id: workshop, from: 'pitch', minutes: '' });
const memoryBefore = rssMb();

/// An event stream held by one phone: counts the posts it receives.
function stream(cookie, onPost) {
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(`/api/ateliers/${workshop}/evenements`, BASE), { agent: false, headers: { cookie, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`stream: ${response.statusCode}`));
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = (block.match(/^event: ?(.*)$/m) || [])[1] || 'message';
          const data = (block.match(/^data: ?(.*)$/m) || [])[1];
          if (name === 'hello') resolve(request);
          else if (name === 'message' && data) {
            const event = JSON.parse(data);
            if (event.kind === 'post') onPost(event, Date.now());
          }
        }
      });
    });
    request.on('error', reject);
  });
}

const received = phones.map(() => new Map()); // per phone: contribution id -> times received
const lastArrival = new Map(); // contribution id -> [written at, last arrival]
const streams = [];
for (let i = 0; i < N; i += 50) {
  const batch = [];
  for (let j = i; j < Math.min(N, i + 50); j++) {
    batch.push(stream(phones[j], (event, at) => {
      received[j].set(event.subject, (received[j].get(event.subject) || 0) + 1);
      const seen = lastArrival.get(event.subject) || [event.at, 0];
      seen[1] = Math.max(seen[1], at);
      lastArrival.set(event.subject, seen);
    }));
  }
  streams.push(...(await Promise.all(batch)));
}
const memoryStreams = rssMb();

// Each phone posts once, at a random moment within the window.
const latencies = [];
let retries = 0;
const sendAll = phones.map((cookie, j) => new Promise((resolve) => {
  setTimeout(async () => {
    const fields = { request_id: `${RUN}-${j}`.padEnd(20, '0'), workshop_id: workshop, started_in: 'writing', kind: 'mine', domain_id: '1', severity: 'serious', body: `${RUN} mine ${j}` };
    for (;;) {
      try {
        const done = await post(cookie, 'post_live', fields);
        if (done.response.status < 400) {
          latencies.push(done.ms);
          break;
        }
      } catch { /* the network: retried */ }
      retries += 1;
      await new Promise((r) => setTimeout(r, 200));
    }
    resolve();
  }, Math.random() * WINDOW_MS);
}));
const postsStarted = performance.now();
const cpuBefore = cpuSeconds();
await Promise.all(sendAll);
const postsSeconds = (performance.now() - postsStarted) / 1000;
// Wait for the last events to arrive (30 s at most).
for (let waited = 0; waited < 300; waited++) {
  if (received.every((m) => m.size >= N)) break;
  await new Promise((r) => setTimeout(r, 100));
}
const cpuUsed = cpuSeconds() - cpuBefore;
const deliverSeconds = (performance.now() - postsStarted) / 1000;
const memoryAfter = rssMb();

let lostOnPhones = 0;
let duplicatedOnPhones = 0;
for (const ids of received) {
  lostOnPhones += N - ids.size;
  for (const count of ids.values()) duplicatedOnPhones += count - 1;
}
const [rows, distinct] = execFileSync('sh', ['-c', COUNT_COMMAND, 'count', `${RUN} mine %`]).toString().trim().split(/\s+/).map(Number);
const fanout = [...lastArrival.values()].map(([at, last]) => last - at);

console.log(`== ${N} phones in one workshop, each posting once within ${WINDOW_MS / 1000} s (${postsSeconds.toFixed(1)} s)`);
console.log(`   post latency: p50 ${ms(pct(latencies, 0.5))}, p99 ${ms(pct(latencies, 0.99))}, max ${ms(Math.max(...latencies))} (${retries} retries)`);
console.log(`   fan-out, change written -> last phone: p50 ${ms(pct(fanout, 0.5))}, p95 ${ms(pct(fanout, 0.95))}, p99 ${ms(pct(fanout, 0.99))}`);
console.log(`   on the phones: ${N * N - lostOnPhones} of ${N * N} deliveries, lost ${lostOnPhones}, duplicated ${duplicatedOnPhones}`);
console.log(`   in the database: ${rows} rows for ${N} posts, ${distinct} distinct: lost ${N - distinct}, duplicated ${rows - distinct}`);
console.log(`   server CPU: ${cpuUsed.toFixed(1)} s over the ${deliverSeconds.toFixed(1)} s of posting and delivering (one core)`);
console.log(`   server memory (RSS): ${memoryBefore.toFixed(1)} MB before the streams, ${memoryStreams.toFixed(1)} MB with ${N} streams, ${memoryAfter.toFixed(1)} MB after the posts (+${(memoryAfter - memoryBefore).toFixed(1)} MB)`);
for (const s of streams) s.destroy();

// Idle streams: memory sampled while nothing happens.
const idle = Number(IDLE);
if (idle > 0 && Number(IDLE_SECONDS) > 0) {
  await new Promise((r) => setTimeout(r, 1000));
  const base = rssMb();
  const held = [];
  for (let i = 0; i < idle; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(idle, i + 50); j++) batch.push(stream(phones[j % phones.length], () => {}));
    held.push(...(await Promise.all(batch)));
  }
  const samples = [];
  const until = performance.now() + Number(IDLE_SECONDS) * 1000;
  while (performance.now() < until) {
    samples.push(rssMb());
    await new Promise((r) => setTimeout(r, 10_000));
  }
  samples.push(rssMb());
  console.log(`== ${idle} idle streams for ${IDLE_SECONDS} s: RSS ${base.toFixed(1)} MB before opening them, then ${samples.map((s) => s.toFixed(1)).join(', ')} MB (every 10 s)`);
  for (const s of held) s.destroy();
}
process.exit(0);

// Live workshop under load: PHONES guests join one workshop and hold its
// event stream (server-sent events) as the phone's page opens it; the
// board (the administrator) holds it too and, as the board's page does on
// each post, fetches its page again (one fetch at a time, one more when
// posts arrived meanwhile). The room first waits through the pitch for
// IDLE_SECONDS, the server's memory sampled every 10 s, with those streams
// open and idle. Then, during the writing phase, each phone posts one
// contribution with its own key at a random moment within 10 s (a failed
// post is retried with the same key, as the phone's outbox does); then the
// console moves to the reveal, which every phone must hear.
// Reports post latency; each post from the moment it was written (carried
// by its event) to its arrival on the board's stream and to the end of the
// first board page fetched after that; the phase change to every phone;
// posts and phase changes lost and duplicated, counted on the clients and
// in the database; the CPU of the server and of this load generator; the
// server's memory. Asserts nothing.
// Usage: node bench/live.mjs BASE_URL SERVER_PID DB_COUNT_COMMAND [PHONES] [IDLE_SECONDS]
//   DB_COUNT_COMMAND: a shell command printing "rows distinct" for a body prefix given as $1
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cookieOf, must as mustTo, pct, post as postTo, startWorkshop } from './workshop.mjs';

const [BASE, PID, COUNT_COMMAND, PHONES = '1000', IDLE_SECONDS = '60'] = process.argv.slice(2);
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
/// CPU seconds this load generator used so far (user + system).
const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const ms = (v) => `${v.toFixed(1)} ms`;
const spread = (values) => `p50 ${ms(pct(values, 0.5))}, p95 ${ms(pct(values, 0.95))}, p99 ${ms(pct(values, 0.99))}, max ${ms(Math.max(...values))}`;
const sleep = (t) => new Promise((r) => setTimeout(r, t));

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
const memoryBefore = rssMb();

/// An event stream as `view` opens it (`telephone` for a phone, none for
/// the board); `onEvent(event, arrivedAt, id)` for each change.
function stream(cookie, view, onEvent) {
  const query = view ? `?vue=${view}` : '';
  return new Promise((resolve, reject) => {
    const request = http.get(new URL(`/api/ateliers/${workshop}/evenements${query}`, BASE), { agent: false, headers: { cookie, accept: 'text/event-stream' } }, (response) => {
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
          const id = (block.match(/^id: ?(.*)$/m) || [])[1];
          if (name === 'hello') resolve(request);
          else if (name === 'message' && data) onEvent(JSON.parse(data), Date.now(), id);
        }
      });
    });
    request.on('error', reject);
  });
}

/// Counts, per subject, how often an event of `kind` arrived.
const tally = (map, id) => map.set(id, (map.get(id) || 0) + 1);

// The board: every post, from its stream to a fetched page that has it.
const onBoardStream = new Map(); // contribution id -> times received
const boardArrival = []; // written -> on the board's stream
const boardPage = []; // written -> the end of the first page fetched after its arrival
let pending = []; // events arrived since the last fetch started
let fetching = false;
let boardFetches = 0;
let boardFailures = 0;
async function refreshBoard() {
  fetching = true;
  try {
    while (pending.length) {
      const these = pending.slice(); // those arriving during the fetch wait for the next
      try {
        const page = await fetch(new URL(`/ateliers/${workshop}/tableau`, BASE), { headers: { cookie: admin } });
        await page.text();
      } catch {
        // As the board does: the same update again a little later.
        boardFailures += 1;
        await sleep(500);
        continue;
      }
      pending = pending.slice(these.length);
      boardFetches += 1;
      const done = Date.now();
      for (const event of these) boardPage.push(done - event.at);
    }
  } finally {
    fetching = false;
  }
}
let boardPhase = null; // the number of the last phase change the board heard
const board = await stream(admin, null, (event, at, id) => {
  if (event.kind === 'phase') boardPhase = id;
  if (event.kind !== 'post') return;
  tally(onBoardStream, event.subject);
  boardArrival.push(at - event.at);
  pending.push(event);
  if (!fetching) refreshBoard();
});

// The phones: posts (which a phone does not show) and phase changes.
const postsOnPhones = phones.map(() => new Map());
const phasesOnPhones = phones.map(() => new Map()); // change number -> [delay, times received]
const streams = [];
for (let i = 0; i < N; i += 50) {
  const batch = [];
  for (let j = i; j < Math.min(N, i + 50); j++) {
    batch.push(stream(phones[j], 'telephone', (event, at, id) => {
      if (event.kind === 'post') tally(postsOnPhones[j], event.subject);
      else if (event.kind === 'phase') {
        const seen = phasesOnPhones[j].get(id) || [at - event.at, 0];
        seen[1] += 1;
        phasesOnPhones[j].set(id, seen);
      }
    }));
  }
  streams.push(...(await Promise.all(batch)));
}
const memoryStreams = rssMb();

// The pitch: every stream open, nothing happening but pings.
const idleSamples = [];
const idleUntil = performance.now() + Number(IDLE_SECONDS) * 1000;
while (performance.now() < idleUntil) {
  idleSamples.push(rssMb());
  await sleep(Math.min(10_000, Math.max(0, idleUntil - performance.now())));
}
idleSamples.push(rssMb());
await must(admin, 'next_phase', { workshop_id: workshop, from: 'pitch', minutes: '' });

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
      await sleep(200);
    }
    resolve();
  }, Math.random() * WINDOW_MS);
}));
const postsStarted = performance.now();
const cpuBefore = cpuSeconds();
const ownBefore = ownCpuSeconds();
await Promise.all(sendAll);
const postsSeconds = (performance.now() - postsStarted) / 1000;
// Wait for the last posts to reach the board (30 s at most).
for (let waited = 0; waited < 300 && (onBoardStream.size < N || fetching); waited++) await sleep(100);
const cpuUsed = cpuSeconds() - cpuBefore;
const ownUsed = ownCpuSeconds() - ownBefore;
const deliverSeconds = (performance.now() - postsStarted) / 1000;
const memoryAfter = rssMb();
const [rows, distinct] = execFileSync('sh', ['-c', COUNT_COMMAND, 'count', `${RUN} mine %`]).toString().trim().split(/\s+/).map(Number);

// The console moves to the reveal: every phone must hear it.
await sleep(500);
for (const heard of phasesOnPhones) heard.clear();
const writingStarted = boardPhase;
const phaseCpuBefore = cpuSeconds();
const phaseOwnBefore = ownCpuSeconds();
await must(admin, 'next_phase', { workshop_id: workshop, from: 'writing', minutes: '' });
for (let waited = 0; waited < 100 && (boardPhase === writingStarted || phasesOnPhones.some((p) => !p.has(boardPhase))); waited++) await sleep(100);
await sleep(500);
const reveal = boardPhase;
const phaseCpu = cpuSeconds() - phaseCpuBefore;
const phaseOwn = ownCpuSeconds() - phaseOwnBefore;
// The reveal, as the board heard it, on every phone.
const phaseDelays = phasesOnPhones.filter((p) => p.has(reveal)).map((p) => p.get(reveal)[0]);
const phaseLost = phasesOnPhones.filter((p) => !p.has(reveal)).length;
const phaseDuplicated = phasesOnPhones.reduce((sum, p) => sum + (p.has(reveal) ? p.get(reveal)[1] - 1 : 0), 0);

let boardDuplicated = 0;
for (const count of onBoardStream.values()) boardDuplicated += count - 1;
let postsToPhones = 0;
for (const ids of postsOnPhones) for (const count of ids.values()) postsToPhones += count;

console.log(`== ${N} phones in one workshop, each posting once within ${WINDOW_MS / 1000} s (${postsSeconds.toFixed(1)} s)`);
console.log(`   post latency: ${spread(latencies)} (${retries} retries)`);
console.log(`   each post, written -> on the board's stream: ${spread(boardArrival)}`);
console.log(`   each post, written -> in a board page fetched after it arrived: ${spread(boardPage)} (${boardFetches} fetches, ${boardFailures} failed)`);
console.log(`   on the board: ${onBoardStream.size} of ${N} posts, lost ${N - onBoardStream.size}, duplicated ${boardDuplicated}`);
console.log(`   in the database: ${rows} rows for ${N} posts, ${distinct} distinct: lost ${N - distinct}, duplicated ${rows - distinct}`);
console.log(`   post events sent to the phones (which do not show them): ${postsToPhones}`);
console.log(`   server CPU: ${cpuUsed.toFixed(1)} s over the ${deliverSeconds.toFixed(1)} s of posting and delivering (one core); load generator: ${ownUsed.toFixed(1)} s (${(100 * ownUsed / deliverSeconds).toFixed(0)} % of its core)`);
console.log(`== the phase change (writing -> reveal), written -> on each phone: ${spread(phaseDelays)}`);
console.log(`   on the phones: ${N - phaseLost} of ${N} (change ${reveal}), lost ${phaseLost}, duplicated ${phaseDuplicated}; server CPU ${phaseCpu.toFixed(2)} s, load generator ${phaseOwn.toFixed(2)} s`);
console.log(`== server memory (RSS): ${memoryBefore.toFixed(1)} MB before the streams, ${memoryStreams.toFixed(1)} MB with ${N + 1} streams open`);
console.log(`   then, idle for ${IDLE_SECONDS} s: ${idleSamples.map((v) => v.toFixed(1)).join(', ')} MB (every 10 s), largest ${Math.max(...idleSamples).toFixed(1)} MB`);
console.log(`   after the posts: ${memoryAfter.toFixed(1)} MB (+${(memoryAfter - memoryBefore).toFixed(1)} MB)`);
for (const s of streams) s.destroy();
board.destroy();

process.exit(0);

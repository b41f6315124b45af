import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/// A port on 127.0.0.1 that the OS has just found free: bound on port 0,
/// read, then released for the server to bind.
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/// Where the server's output goes: a file in E2E_LOG_DIR, else nowhere.
function logTo(port: number): 'ignore' | number {
  const dir = process.env.E2E_LOG_DIR;
  return dir ? fs.openSync(path.join(dir, `own-server-${port}.log`), 'a') : 'ignore';
}

/// A fresh instance of the release server with its own SQLite database, for
/// journeys that change the instance for good (first-run setup).
export class OwnServer {
  constructor(readonly url: string, readonly token: string, private child: ChildProcess, private dir: string,
    readonly seeded = '') {}

  /// Starts an instance on a port the OS has just found free; if it does not
  /// come up (another process took the port in between), tries again on
  /// another port. With `demoPassword`, `seed-demo` runs first (its output
  /// in `seeded`).
  static async start(options: { demoPassword?: string } = {}): Promise<OwnServer> {
    const ATTEMPTS = 3;
    const failures: string[] = [];
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const port = await freePort();
      try {
        return await OwnServer.startOn(port, options.demoPassword);
      } catch (e) {
        failures.push(`port ${port}: ${(e as Error).message}`);
      }
    }
    throw new Error(`no own server started in ${ATTEMPTS} attempts (${failures.join('; ')})`);
  }

  private static async startOn(port: number, demoPassword?: string): Promise<OwnServer> {
    const bin = process.env.DEMINEURS_BIN;
    if (!bin) throw new Error('DEMINEURS_BIN is not set (scripts/test.sh sets it)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demineurs-e2e-'));
    const url = `http://127.0.0.1:${port}`;
    const token = `e2e-setup-token-${port}`;
    const env = {
      ...process.env,
      DATABASE_URL: `sqlite://${dir}/app.db?mode=rwc`,
      DEMINEURS_BIND: `127.0.0.1:${port}`,
      DEMINEURS_PUBLIC_URL: url,
      DEMINEURS_SETUP_TOKEN: token,
      // E-mail to the tests' SMTP server when scripts/test.sh runs one,
      // else as .eml files beside its database, never in the checkout.
      ...(process.env.E2E_SMTP_URL ? { DEMINEURS_SMTP_URL: process.env.E2E_SMTP_URL } : {}),
      DEMINEURS_MAIL_DIR: path.join(dir, 'mail'),
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT || '../target/site',
      // Requests logged too, so that the log scan of scripts/test.sh sees them.
      RUST_LOG: 'info,tower_http=debug',
    };
    let seeded = '';
    if (demoPassword) {
      const run = spawnSync(bin, ['seed-demo'], { env: { ...env, DEMINEURS_DEMO_PASSWORD: demoPassword }, encoding: 'utf8' });
      if (run.status !== 0) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw new Error(`seed-demo failed (${run.status}): ${run.stderr}`);
      }
      seeded = run.stdout;
    }
    const child = spawn(bin, ['serve'], {
      env,
      stdio: ['ignore', logTo(port), logTo(port)],
    });
    let failed: string | null = null;
    child.on('error', (e) => { failed = `cannot run ${bin}: ${e.message}`; });
    child.on('exit', (code, signal) => { failed ??= `the server exited (${signal ?? `code ${code}`})`; });
    for (let i = 0; i < 100 && !failed; i++) {
      try {
        // Up, and ours: had another process taken the port first, it could
        // answer too, but ours would have exited on failing to bind.
        const answered = (await fetch(`${url}/healthz`)).ok;
        if (answered && !failed && child.exitCode === null) return new OwnServer(url, token, child, dir, seeded);
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill();
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(failed ?? `the server on ${url} did not answer /healthz within 10 s`);
  }

  stop() {
    this.child.kill('SIGTERM');
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

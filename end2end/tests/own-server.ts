import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/// Where the server's output goes: a file in E2E_LOG_DIR, else nowhere.
function logTo(port: number): 'ignore' | number {
  const dir = process.env.E2E_LOG_DIR;
  return dir ? fs.openSync(path.join(dir, `own-server-${port}.log`), 'a') : 'ignore';
}

/// A fresh instance of the release server with its own SQLite database, for
/// journeys that change the instance for good (first-run setup).
export class OwnServer {
  constructor(readonly url: string, readonly token: string, private child: ChildProcess, private dir: string) {}

  static async start(port: number): Promise<OwnServer> {
    const bin = process.env.DEMINEURS_BIN;
    if (!bin) throw new Error('DEMINEURS_BIN is not set (scripts/test.sh sets it)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demineurs-e2e-'));
    const url = `http://127.0.0.1:${port}`;
    const token = `e2e-setup-token-${port}`;
    const child = spawn(bin, ['serve'], {
      env: {
        ...process.env,
        DATABASE_URL: `sqlite://${dir}/app.db?mode=rwc`,
        DEMINEURS_BIND: `127.0.0.1:${port}`,
        DEMINEURS_PUBLIC_URL: url,
        DEMINEURS_SETUP_TOKEN: token,
        LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT || '../target/site',
        // Requests logged too, so that the log scan of scripts/test.sh sees them.
        RUST_LOG: 'info,tower_http=debug',
      },
      stdio: ['ignore', logTo(port), logTo(port)],
    });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) return new OwnServer(url, token, child, dir);
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill();
    throw new Error(`the server on ${url} did not start`);
  }

  stop() {
    this.child.kill('SIGTERM');
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

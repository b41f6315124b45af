import fs from 'node:fs';
import path from 'node:path';

/// A message as the tests' SMTP server (scripts/smtp-sink.py) received and
/// decoded it.
export interface Received {
  mail_from: string;
  rcpt_tos: string[];
  headers: Record<string, string>;
  text: string | null;
  html: string | null;
}

/// The messages received for `address` so far.
export function receivedBy(address: string): Received[] {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error('E2E_MAIL_DIR is not set (scripts/test.sh sets it)');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Received)
    .filter((m) => m.rcpt_tos.includes(address));
}

/// Waits (up to 20 s: the server sends what is due every 2 s) for the
/// `count`-th message to `address`.
export async function waitForMail(address: string, count = 1): Promise<Received> {
  for (let i = 0; i < 200; i++) {
    const got = receivedBy(address);
    if (got.length >= count) return got[count - 1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no message number ${count} for ${address} within 20 s`);
}

/// Waits (up to 20 s) for a message to `address` whose plain part holds
/// `needle` (say, the address of the instance that sent it, when several
/// tests write to the same person).
export async function waitForMailWith(address: string, needle: string): Promise<Received> {
  for (let i = 0; i < 200; i++) {
    const got = receivedBy(address).find((m) => (m.text || '').includes(needle));
    if (got) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no message for ${address} holding ${needle} within 20 s`);
}

/// The one link of a message's plain part that starts with `prefix`.
export function linkIn(text: string, prefix: string): string {
  const found = text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!found) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return found;
}

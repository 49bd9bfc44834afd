import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { serviceDist } from './service-build';
import { delay } from './service-process';

/** Waits (bounded) until every projection's checkpoint has reached the store's head, looking every `pollMs`. */
export async function waitForProjectionsAtHead(databaseUrl: string, timeoutMs: number, { pollMs = 200 } = {}): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const [{ behind }] = (
        await client.query(
          `SELECT count(*)::int AS behind FROM projection_checkpoints
            WHERE position < (SELECT coalesce(max(position), 0) FROM events)`,
        )
      ).rows;
      if (behind === 0) return true;
      await delay(pollMs);
    }
    return false;
  } finally {
    await client.end();
  }
}

/**
 * The V8 heap settings `npm run projections:rebuild` runs with (package.json). The rebuild's
 * working set is far smaller than what V8 lets the heap grow to when nothing caps it: 100,000
 * events, peak RSS 421–448 MB uncapped, 233–247 MB with a 320 MB old space — but ~17% slower, from
 * more young-generation collections; a 32 MB semi-space wins that back (287 MB, same speed within noise).
 */
export const REBUILD_NODE_FLAGS = ['--max-old-space-size=320', '--max-semi-space-size=32'];

/** `projections:rebuild` (compiled, with the npm script's heap cap) on the database; resolves with its exit code and its peak RSS in bytes. */
export async function runRebuild(
  databaseUrl: string,
  options: { nodeFlags?: string[]; onStart?: (pid: number) => void } = {},
): Promise<{ code: number | null; peakRssBytes: number; output: string }> {
  const entry = join(serviceDist(), 'src', 'projections', 'rebuild', 'rebuild.cli.js');
  const child = spawn(process.execPath, [...REBUILD_NODE_FLAGS, ...(options.nodeFlags ?? []), entry], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, NEWSDESK_RUN_MIGRATIONS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) options.onStart?.(child.pid);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  let peakRssBytes = 0;
  // VmHWM is the kernel's own high-water mark of the process's resident set.
  const sampler = setInterval(async () => {
    try {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      const match = /VmHWM:\s+(\d+) kB/.exec(status);
      if (match) peakRssBytes = Math.max(peakRssBytes, Number(match[1]) * 1024);
    } catch {
      // the process has exited
    }
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  return { code, peakRssBytes, output };
}

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** A running embedded PostgreSQL (PGlite) that the ordinary `pg` driver reaches over loopback TCP. */
export interface EmbeddedPostgres {
  /** Connection URL for `pg` / TypeORM. */
  readonly url: string;
  /** Folder the data lives in, or `memory` for a throw-away instance. */
  readonly dataDir: string;
  /** Stops accepting connections and flushes the data folder. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Data folder; created when missing. `memory://` keeps everything in memory. */
  dataDir: string;
  /** Loopback port; 0 lets the operating system pick a free one. */
  port: number;
}

/**
 * Starts PGlite and serves it through pglite-socket, so the code above the connection is the same
 * as against a real server. PGlite is one session: callers must use a single connection, and
 * LISTEN/NOTIFY does not reach listeners here (anything waiting for events must also poll).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const inMemory = options.dataDir.startsWith('memory://');
  const dataDir = inMemory ? options.dataDir : resolve(options.dataDir);
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(inMemory ? undefined : dataDir);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port });
  await server.start();
  let stopped = false;
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
    },
  };
}

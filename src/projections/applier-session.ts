import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { EVENTS_NOTIFY_CHANNEL } from '../event-store/event-store';
import { LOCK_CLASS, tryProjectionLock } from './advisory-lock-key';
import { CHECKPOINTS_NOTIFY_CHANNEL } from './projection-checkpoints';

/** Decides whether this process may apply a projection right now. */
export interface ApplierLease {
  /** True while this process holds the projection; tries to take it when it does not. */
  tryHold(name: string): Promise<boolean>;
}

/** The embedded database is one process and one connection: there is nobody to share with. */
export const soleApplier: ApplierLease = { tryHold: async () => true };

/**
 * The runner's own connection to a real server, outside the pool: it LISTENs for appends and moved
 * checkpoints, and holds one session advisory lock per projection this instance applies (none, in
 * an instance that only listens: see `keepListening`). If the
 * process dies the server drops the connection and the locks with it, so another instance's next
 * `tryHold` takes over. If the connection drops, every lock is forgotten and the next `tryHold`
 * reconnects; meanwhile a second applier cannot double-apply, because every batch is a
 * compare-and-set on the checkpoint.
 */
export class ApplierSession implements ApplierLease {
  private client?: Client;
  private connecting?: Promise<Client | undefined>;
  private readonly held = new Set<string>();
  private stopped = false;
  private reachable = true;
  private listening?: NodeJS.Timeout;
  /** The last lock attempt sent (they never reject: a failure drops the connection). */
  private lockAttempts: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: string,
    /** Called with the channel of every notification, and with `reconnected` (notifications may have been missed). */
    private readonly onNotification: (channel: string) => void,
    private readonly logger = new Logger('ProjectionRunner'),
  ) {}

  async tryHold(name: string): Promise<boolean> {
    if (this.held.has(name)) return true;
    const client = await this.connected();
    if (!client) return false;
    // Every projection's loop asks at once; one query at a time on the connection (pg 8 queues a
    // query sent while another runs, with a deprecation warning; pg 9 refuses it).
    const attempt = this.lockAttempts.then(() => this.takeLock(client, name));
    this.lockAttempts = attempt;
    await attempt;
    return this.held.has(name);
  }

  private async takeLock(client: Client, name: string): Promise<void> {
    if (this.client !== client) return;
    try {
      if ((await tryProjectionLock(client, LOCK_CLASS.applier, name)) && this.client === client) this.held.add(name);
    } catch (error) {
      this.lost(client, error);
    }
  }

  /**
   * For a process that applies no projection but waits for other instances' checkpoints (an API
   * instance with `NEWSDESK_PROJECTIONS=off`): opens the connection now for its notifications
   * alone, and reconnects within `everyMs` whenever it is lost.
   */
  keepListening(everyMs: number): void {
    const check = () => {
      if (this.stopped) return;
      void this.connected().finally(() => {
        if (!this.stopped) this.listening = setTimeout(check, everyMs).unref();
      });
    };
    check();
  }

  /** Closes the connection, which releases every lock. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.listening);
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    await client?.end().catch(() => undefined);
  }

  private connected(): Promise<Client | undefined> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<Client | undefined> {
    if (this.stopped) return undefined;
    const client = new Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: 5_000 });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => this.onNotification(message.channel));
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_NOTIFY_CHANNEL}`);
      await client.query(`LISTEN ${CHECKPOINTS_NOTIFY_CHANNEL}`);
    } catch (error) {
      // Once per outage: every loop retries through here until the server is back.
      if (this.reachable) this.logger.warn(`Projection runner cannot reach the database: ${(error as Error).message}`);
      this.reachable = false;
      await client.end().catch(() => undefined);
      return undefined;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return undefined;
    }
    if (!this.reachable) this.logger.log('Projection runner reconnected');
    this.reachable = true;
    this.client = client;
    this.onNotification('reconnected');
    return client;
  }

  private lost(client: Client, error?: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (this.held.size > 0 && !this.stopped) {
      this.logger.warn(`Projection runner lost its connection${error ? ` (${(error as Error).message})` : ''}: releasing ${[...this.held].join(', ')}`);
    }
    this.held.clear();
    client.end().catch(() => undefined);
  }
}

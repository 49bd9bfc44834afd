import { createServer, Server, Socket, connect } from 'node:net';
import { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy in front of PostgreSQL, so a test can take the database away from the
 * service (and give it back) without touching the shared server.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  constructor(private readonly targetHost: string, private readonly targetPort: number) {}

  /** Starts listening (on the same port as before after a `stop`) and returns the port. */
  async start(): Promise<number> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this.port;
  }

  /** Refuses new connections and cuts every open one, as a database that went down would. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** `url` with its host and port pointed at this proxy. */
  rewrite(url: string): string {
    const target = new URL(url);
    target.hostname = '127.0.0.1';
    target.port = String(this.port);
    return target.toString();
  }
}

import { createServer, connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/**
 * - `forward`: pass bytes both ways, as if the database were there;
 * - `refuse`: close each new connection at once, as a stopped server's host does;
 * - `silent`: accept and never answer, as an unreachable host behind a firewall.
 */
export type ProxyMode = 'forward' | 'refuse' | 'silent';

export interface TcpProxy {
  port: number;
  setMode(mode: ProxyMode): void;
  /** Drops every open connection, both sides, as a crash or a network cut does. */
  cutAll(): void;
  /** Local ports of the connections to the target: what the server sees as client ports. */
  upstreamPorts(): number[];
  close(): Promise<void>;
}

/** A loopback TCP proxy in front of `target`, whose behaviour a test switches at will. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'forward';
  const open = new Set<Socket>();
  const upstreams = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const server = createServer((client) => {
    track(client);
    if (mode === 'refuse') {
      client.destroy();
      return;
    }
    if (mode === 'silent') return;
    const upstream = connect(target.port, target.host);
    track(upstream);
    upstreams.add(upstream);
    upstream.on('close', () => upstreams.delete(upstream));
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as AddressInfo).port,
    setMode(next) {
      mode = next;
    },
    cutAll() {
      for (const socket of open) socket.destroy();
    },
    upstreamPorts() {
      return [...upstreams].flatMap((socket) => (socket.localPort ? [socket.localPort] : []));
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same database URL, reached through the proxy on loopback. */
export function throughProxy(databaseUrl: string, proxy: TcpProxy): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return url.toString();
}

/** Host and port of a database URL (PostgreSQL's default port when none is given). */
export function targetOf(databaseUrl: string): { host: string; port: number } {
  const url = new URL(databaseUrl);
  return { host: url.hostname, port: Number(url.port || 5432) };
}

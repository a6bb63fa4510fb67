import { parseArgs } from 'node:util';

export interface BenchOptions {
  baseUrl: URL;
  durationSeconds: number;
  connections: number;
  /** The page whose cursor the deep-page scenario reads (1 = the first page). */
  deepPage: number;
  adminEmail: string;
  adminPassword: string;
}

export const benchUsage = `usage: ADMIN_EMAIL=… ADMIN_PASSWORD=… npm run bench -- [--url URL] [--duration S]
       [--connections N] [--deep-page P]
  env: BENCH_URL (default http://127.0.0.1:3000), BENCH_DURATION (10), BENCH_CONNECTIONS (10),
       BENCH_DEEP_PAGE (501)`;

function positiveInteger(value: string, name: string, max: number): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1 || parsed > max) {
    throw new Error(`${name} must be a whole number from 1 to ${max}`);
  }
  return parsed;
}

// Load is only ever sent to this machine: the bench refuses any other host.
function loopbackUrl(value: string): URL {
  const url = new URL(value);
  const host = url.hostname;
  const loopback = host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
  if (!loopback || !['http:', 'https:'].includes(url.protocol)) {
    throw new Error(
      `${value} is not a loopback http(s) address; the bench only targets this machine`,
    );
  }
  return url;
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required`);
  return value;
}

export function parseBenchOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      'deep-page': { type: 'string' },
    },
    strict: true,
  });
  return {
    baseUrl: loopbackUrl(values.url ?? env.BENCH_URL ?? 'http://127.0.0.1:3000'),
    durationSeconds: positiveInteger(
      values.duration ?? env.BENCH_DURATION ?? '10',
      'duration',
      120,
    ),
    connections: positiveInteger(
      values.connections ?? env.BENCH_CONNECTIONS ?? '10',
      'connections',
      64,
    ),
    deepPage: positiveInteger(
      values['deep-page'] ?? env.BENCH_DEEP_PAGE ?? '501',
      'deep-page',
      5000,
    ),
    adminEmail: required(env.ADMIN_EMAIL, 'ADMIN_EMAIL'),
    adminPassword: required(env.ADMIN_PASSWORD, 'ADMIN_PASSWORD'),
  };
}

import autocannon from 'autocannon';

export interface Scenario {
  name: string;
  path: string;
  /** Searches must find something: an empty answer is fast for the wrong reason. */
  expectItems?: boolean;
}

export interface ScenarioResult {
  scenario: Scenario;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
}

export interface LoadSettings {
  baseUrl: URL;
  cookie: string;
  connections: number;
  durationSeconds: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

function statusCodesOf(result: autocannon.Result): Record<string, number> {
  return Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  );
}

/**
 * Runs one scenario with autocannon. Latencies are collected from each 2xx response, because
 * autocannon's own histogram rounds to whole milliseconds and the floor is well under one.
 */
export function runScenario(scenario: Scenario, settings: LoadSettings): Promise<ScenarioResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: new URL(scenario.path, settings.baseUrl).href,
        connections: settings.connections,
        duration: settings.durationSeconds,
        headers: { cookie: settings.cookie, accept: 'application/json' },
      },
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        latencies.sort((a, b) => a - b);
        resolve({
          scenario,
          requestsPerSecond: result.requests.average,
          p50: percentile(latencies, 0.5),
          p99: percentile(latencies, 0.99),
          non2xx: result.non2xx,
          errors: result.errors,
          statusCodes: statusCodesOf(result),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}

import type { ScenarioResult } from './run-scenario.js';

export const targetMultiple = 3;

const decimal = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const milliseconds = (value: number) => (Number.isFinite(value) ? decimal.format(value) : 'n/a');
const nameWidth = 30;

export function isBroken(result: ScenarioResult): boolean {
  return result.non2xx > 0 || result.errors > 0 || !Number.isFinite(result.p50);
}

function describeFailures(result: ScenarioResult): string {
  const codes = Object.entries(result.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, count]) => `${code}×${count}`);
  if (result.errors > 0) codes.push(`connection errors×${result.errors}`);
  return codes.join(', ') || 'no 2xx response';
}

/** Loud, on stderr: a route that answers errors must never read as a fast route. */
export function warnAboutBroken(results: ScenarioResult[]): void {
  for (const result of results.filter(isBroken)) {
    console.error(
      `\n!!! ${result.scenario.name}: ${result.non2xx} non-2xx responses (${describeFailures(result)})` +
        `\n!!! GET ${result.scenario.path.slice(0, 120)}\n!!! its timings mean nothing.`,
    );
  }
}

export function printResults(results: ScenarioResult[]): void {
  console.log(
    `\n${'scenario'.padEnd(nameWidth)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}` +
      `${'p99 ms'.padStart(10)}${'non-2xx'.padStart(10)}`,
  );
  for (const result of results) {
    console.log(
      result.scenario.name.padEnd(nameWidth) +
        whole.format(result.requestsPerSecond).padStart(10) +
        milliseconds(result.p50).padStart(10) +
        milliseconds(result.p99).padStart(10) +
        whole.format(result.non2xx + result.errors).padStart(10),
    );
  }
}

/**
 * Each read's p50 against the floor's (the verdict) and against the reference's (shown only);
 * returns whether every read met the target.
 */
export function printTargets(
  floor: ScenarioResult,
  reference: ScenarioResult,
  reads: ScenarioResult[],
): boolean {
  console.log(
    `\ntarget: each read's p50 within ${targetMultiple}× the floor's p50 ` +
      `(floor p50 = ${milliseconds(floor.p50)} ms, /readyz p50 = ${milliseconds(reference.p50)} ms)`,
  );
  console.log(
    `${'read'.padEnd(nameWidth)}${'p50 ms'.padStart(10)}${'× floor'.padStart(10)}` +
      `${'× readyz'.padStart(10)}  verdict`,
  );
  let allPassed = true;
  for (const read of reads) {
    const multiple = read.p50 / floor.p50;
    const passed = !isBroken(read) && !isBroken(floor) && multiple <= targetMultiple;
    allPassed &&= passed;
    const verdict = isBroken(read)
      ? `FAIL (broken: ${describeFailures(read)})`
      : passed
        ? 'PASS'
        : 'FAIL';
    console.log(
      `${read.scenario.name.padEnd(nameWidth)}${milliseconds(read.p50).padStart(10)}` +
        `${milliseconds(multiple).padStart(10)}` +
        `${milliseconds(read.p50 / reference.p50).padStart(10)}  ${verdict}`,
    );
  }
  return allPassed;
}

import { BenchSetupError, createApiClient, type ApiClient } from './bench/api.js';
import { benchUsage, parseBenchOptions, type BenchOptions } from './bench/options.js';
import { isBroken, printResults, printTargets, warnAboutBroken } from './bench/report.js';
import { runScenario, type Scenario, type ScenarioResult } from './bench/run-scenario.js';
import { collectSamples, type Samples } from './bench/samples.js';

// Exit codes: 1 = a route answered errors (or the bench could not prepare), 2 = a read missed
// the target, 64 = bad usage.
const exitBroken = 1;
const exitMissedTarget = 2;
const exitUsage = 64;

const consumersPath = '/api/admin/v1/consumers';
const searchPath = (query: string) => `${consumersPath}/search?q=${encodeURIComponent(query)}`;

/**
 * The floor is the cheapest signed-in console request: the session check every console read makes
 * (one indexed query) and nothing else, so a read's multiple of it is what the read itself adds.
 * /readyz (one `select 1`, no session) is printed beside it for reference.
 */
const floorScenarios: Scenario[] = [
  { name: 'floor (signed-in session)', path: '/api/admin/v1/session' },
  { name: 'reference (/readyz)', path: '/readyz' },
];

function readScenarios(samples: Samples): Scenario[] {
  return [
    { name: 'first page', path: `${consumersPath}?limit=20` },
    {
      name: 'deep page',
      path: `${consumersPath}?limit=20&cursor=${encodeURIComponent(samples.deepCursor)}`,
    },
    { name: 'filter New', path: `${consumersPath}?filter=new&limit=20` },
    { name: 'filter counts', path: `${consumersPath}/counts` },
    {
      name: `search email "${samples.emailFragment}"`,
      path: searchPath(samples.emailFragment),
      expectItems: true,
    },
    {
      name: `search phone "${samples.phoneQuery}"`,
      path: searchPath(samples.phoneQuery),
      expectItems: true,
    },
    {
      name: `search name "${samples.lastName}"`,
      path: searchPath(samples.lastName),
      expectItems: true,
    },
    { name: 'get one', path: `${consumersPath}/${samples.consumerId}` },
  ];
}

/** One plain request first: a wrong answer is reported before any load is sent. */
async function probe(api: ApiClient, scenario: Scenario): Promise<void> {
  const body = await api.getJson(scenario.path);
  if (!scenario.expectItems) return;
  const items = (body as { items?: unknown[] }).items;
  if (!Array.isArray(items) || items.length === 0) {
    console.error(`!!! ${scenario.name} found nothing: its timing would flatter the query`);
  }
}

async function runAll(options: BenchOptions): Promise<ScenarioResult[]> {
  const api = await createApiClient(options.baseUrl, options.adminEmail, options.adminPassword);
  const samples = await collectSamples(api, options.deepPage);
  const scenarios = [...floorScenarios, ...readScenarios(samples)];
  const settings = { ...options, cookie: api.cookie };
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    await probe(api, scenario);
    console.log(`running ${scenario.name} for ${options.durationSeconds} s…`);
    results.push(await runScenario(scenario, settings));
  }
  return results;
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${benchUsage}`);
    return exitUsage;
  }
  console.log(
    `bench ${options.baseUrl.origin}: ${options.connections} connections, ` +
      `${options.durationSeconds} s per scenario`,
  );
  const results = await runAll(options);
  const [floor, reference, ...reads] = results;
  if (!floor || !reference) return exitBroken;
  printResults(results);
  const allPassed = printTargets(floor, reference, reads);
  warnAboutBroken(results);
  if (results.some(isBroken)) return exitBroken;
  return allPassed ? 0 : exitMissedTarget;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof BenchSetupError)) throw error;
  console.error(`!!! bench could not prepare: ${error.message}`);
  process.exitCode = exitBroken;
}

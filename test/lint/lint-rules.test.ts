import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The rule ids the project's lint reports for `code` as if it were the file at `where`. */
async function reportedRules(code: string, where: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, where) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'fatal');
}

describe('lint bans HTML injection in the web app (SR-80)', () => {
  it('reports dangerouslySetInnerHTML on any element', async () => {
    const code = [
      'export function Name({ name }: { name: string }) {',
      '  return <span dangerouslySetInnerHTML={{ __html: name }} />;',
      '}',
      '',
    ].join('\n');

    expect(await reportedRules(code, 'src/web/ui/lint-fixture.tsx')).toContain(
      'no-restricted-syntax',
    );
  });

  it('accepts the same name rendered as text', async () => {
    const code = [
      'export function Name({ name }: { name: string }) {',
      '  return <span>{name}</span>;',
      '}',
      '',
    ].join('\n');

    expect(await reportedRules(code, 'src/web/ui/lint-fixture.tsx')).toEqual([]);
  });
});

describe('lint bans sql.raw() (SR-78)', () => {
  it('reports sql.raw() with user input', async () => {
    const code = [
      "import { sql } from 'drizzle-orm';",
      '',
      'export const byName = (input: string) => sql`select 1 where name = ${sql.raw(input)}`;',
      '',
    ].join('\n');

    expect(await reportedRules(code, 'src/server/shared/lint-fixture.ts')).toContain(
      'no-restricted-syntax',
    );
  });

  it('accepts the same value as a bound parameter', async () => {
    const code = [
      "import { sql } from 'drizzle-orm';",
      '',
      'export const byName = (input: string) => sql`select 1 where name = ${input}`;',
      '',
    ].join('\n');

    expect(await reportedRules(code, 'src/server/shared/lint-fixture.ts')).toEqual([]);
  });
});

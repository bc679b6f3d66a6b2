import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

interface Case {
  readonly file: string;
  readonly from: string;
}

/**
 * Lints one import per case with the project's own eslint.config.mjs (the real rules, not a
 * copy), as if the line stood in that file; answers the import-rule messages per case.
 */
function lintImports(cases: readonly Case[]): Promise<string[][]> {
  const script = `
    import { ESLint } from 'eslint';
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
    const out = [];
    for (const { file, from } of cases) {
      const code = "import { probe } from '" + from + "';\\nexport const used = probe;\\n";
      const [result] = await eslint.lintText(code, { filePath: file });
      out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
    }
    console.log(JSON.stringify(out));
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify(cases)],
      { cwd: ROOT, timeout: 60_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout)),
    );
  });
}

describe('lint zones', () => {
  it('should refuse imports against the direction of the request path', async () => {
    const against: Case[] = [
      { file: 'src/db/data-source.ts', from: '../ownership/owner.subscriber' },
      { file: 'src/db/pipeline/busy-clock.ts', from: '../../graphql/context' },
      { file: 'src/db/request-transaction.ts', from: '../request/request-context' },
      { file: 'src/db/database.ts', from: '../graphql/schema/build-schema' },
      { file: 'src/entities/task.entity.ts', from: '../ownership' },
      { file: 'src/metrics/metrics.ts', from: '../http/send' },
    ];
    const messages = await lintImports(against);
    messages.forEach((found, i) => {
      expect({ ...against[i], found: found.length }).toEqual({ ...against[i], found: 1 });
    });
  });

  it('should let imports along the direction through', async () => {
    const along: Case[] = [
      { file: 'src/ownership/owner.subscriber.ts', from: '../db/request-scope' },
      { file: 'src/db/data-source.ts', from: '../entities' },
      { file: 'src/db/request-transaction.ts', from: 'graphql' },
      { file: 'src/http/ops-routes.ts', from: '../metrics/metrics' },
    ];
    const messages = await lintImports(along);
    expect(messages).toEqual(along.map(() => []));
  });
});

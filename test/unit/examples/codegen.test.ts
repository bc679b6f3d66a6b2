import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import ts from 'typescript';

const ROOT = join(__dirname, '../../..');
const EXAMPLE = join(ROOT, 'examples/apollo-client');
const COMMITTED = join(EXAMPLE, 'generated/graphql.ts');
const OUTPUT_KEY = 'examples/apollo-client/generated/graphql.ts:';
const HOOK = 'hooks:\n  afterAllFileWrite: prettier --write\n';

/** Type errors of one file under the project's compiler options (strict), none emitted. */
function typeErrors(file: string): string[] {
  const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const program = ts.createProgram([file], { ...options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || !d.file.fileName.includes('/node_modules/'))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the Apollo Client example codegen', () => {
  let dir: string;
  let fresh: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'codegen-'));
    const config = readFileSync(join(EXAMPLE, 'codegen.yml'), 'utf8');
    expect(config).toContain(OUTPUT_KEY);
    expect(config).toContain(HOOK);
    // The README's command with the output redirected, so the committed file is compared. The
    // hook is left out: prettier is run below with the repository's settings, as the hook is.
    const redirected = config.replace(OUTPUT_KEY, `${join(dir, 'out.ts')}:`).replace(HOOK, '');
    writeFileSync(join(dir, 'codegen.yml'), redirected);
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/.bin/graphql-codegen'), '--config', join(dir, 'codegen.yml')],
      { cwd: ROOT, stdio: 'pipe', timeout: 60_000 },
    );
    fresh = join(dir, 'graphql.ts');
    writeFileSync(fresh, readFileSync(join(dir, 'out.ts'), 'utf8'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should generate exactly the committed generated/graphql.ts (run npm run example:codegen)', async () => {
    const options = { ...(await resolveConfig(COMMITTED)), filepath: COMMITTED };
    const expected = await format(readFileSync(fresh, 'utf8'), options);
    expect(readFileSync(COMMITTED, 'utf8')).toBe(expected);
  });

  // The generator's output is the committed file (above), which resolves @apollo/client.
  it('should generate a file that typechecks on its own under the strict compiler options', () => {
    expect(typeErrors(COMMITTED)).toEqual([]);
  });
});

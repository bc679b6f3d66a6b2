import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIGNATURE_HEADER } from '../../../src/auth/account-deletion-signature';
import { ACCOUNT_DELETED_PATH } from '../../../src/http/account-deleted.route';

const ROOT = join(__dirname, '../../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const guide = read('docs/better-auth.md');
// The Better Auth server the end-to-end tests run (test/integration/clients/better-auth.test.ts).
const server = read('test/support/better-auth/auth-server.mjs');

/** The regions between `// guide:start <name>` and `// guide:end <name>`, by name. */
function regions(source: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const match of source.matchAll(
    /\/\/ guide:start (\S+)\n([\s\S]*?)\n\s*\/\/ guide:end \1/g,
  )) {
    found.set(
      match[1]!,
      match[2]!.split('\n').map((line) => line.trim()),
    );
  }
  return found;
}

/** The guide's code lines, trimmed, with TypeScript's non-null `!` (the tested copy is JS). */
const guideLines = [...guide.matchAll(/```(?:ts|js)\n([\s\S]*?)```/g)]
  .flatMap((block) => block[1]!.split('\n'))
  .map((line) => line.trim().replace(/(\w)!(?=[).,])/g, '$1'));

function containsRun(lines: string[], run: string[]): boolean {
  return lines.some((_, i) => run.every((line, j) => lines[i + j] === line));
}

describe('docs/better-auth.md', () => {
  const tested = regions(server);

  it('should find the tested regions of the Better Auth server', () => {
    expect([...tested.keys()].sort()).toEqual([
      'account-deleted-hook',
      'hs256-token',
      'jwt-payload',
    ]);
  });

  it.each([...regions(server)])('should show the tested %s code word for word', (_name, lines) => {
    expect(containsRun(guideLines, lines)).toBe(true);
  });

  it("should name current Better Auth's CLI, and no unfinished work", () => {
    expect(guide).toContain('npx auth@latest migrate');
    expect(guide).not.toMatch(/@better-auth\/cli|being finished/);
  });

  it('should set only variables the API reads', () => {
    const config = read('src/config.ts');
    const shell = [...guide.matchAll(/```sh\n([\s\S]*?)```/g)].map((block) => block[1]!).join('\n');
    const names = [...shell.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]!);
    expect(names).toEqual(expect.arrayContaining(['JWKS_ONLY', 'ACCOUNT_DELETION_SECRET']));
    expect(names.filter((name) => !new RegExp(`^ {4}${name}:`, 'm').test(config))).toEqual([]);
  });

  it('should name the account-deletion endpoint and header the API serves', () => {
    expect(guide).toContain(`POST ${ACCOUNT_DELETED_PATH}`);
    expect(guide).toContain(`${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex>`);
  });
});

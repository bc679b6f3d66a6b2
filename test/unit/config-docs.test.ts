import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The variables config.ts's schema declares: its `NAME: z…` entries. */
function declaredVariables(): string[] {
  const source = read('src/config.ts');
  const body = source.slice(source.indexOf('z\n  .object({'), source.indexOf('.superRefine('));
  return [...body.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!);
}

describe('configuration documentation', () => {
  const variables = declaredVariables();

  it('should find the variables config.ts reads', () => {
    expect(variables).toEqual(expect.arrayContaining(['NODE_ENV', 'PORT', 'SHUTDOWN_TIMEOUT']));
  });

  it('should list every variable in README.md', () => {
    const readme = read('README.md');
    expect(variables.filter((name) => !readme.includes(`\`${name}\``))).toEqual([]);
  });

  it('should list every variable in .env.example, with its default', () => {
    const example = read('.env.example');
    expect(variables.filter((name) => !new RegExp(`^#${name}=`, 'm').test(example))).toEqual([]);
  });
});

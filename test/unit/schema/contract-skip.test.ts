import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

describe('the contract comparison on a clone with nothing beside it', () => {
  it('should pass, reporting the three contract tests as skipped and saying why', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--experimental-vm-modules',
        '--disable-warning=ExperimentalWarning',
        'node_modules/jest/bin/jest.js',
        'test/unit/schema/schema-contract.test.ts',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, API_CONTRACT_PATH: join(ROOT, 'no-such-dir', 'contract.graphql') },
        timeout: 120_000,
      },
    );
    const output = run.stdout + run.stderr;
    expect({ status: run.status, output }).toEqual({ status: 0, output: expect.any(String) });
    expect(output).toContain('SKIPPED: no public contract at');
    expect(output).toMatch(/Tests:\s+3 skipped, 1 passed, 4 total/);
  });
});

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import pino from 'pino';
import { DatabaseUnavailableError } from '../../../src/db/connect-error';
import { openDatabase } from '../../../src/db/database';
import { OWNERSHIP_SUBSCRIBERS } from '../../../src/ownership/owner.subscriber';
import { freePort } from '../../support/free-port';
import {
  PRIVATE_CLUSTER_AVAILABLE,
  startPrivateCluster,
  type PrivateCluster,
} from '../../support/private-cluster';

const ROOT = join(__dirname, '..', '..', '..');
const log = pino({ level: 'silent' });

/** What openDatabase throws for this URL (it must throw). */
async function failure(databaseUrl: string): Promise<Error> {
  const config = { databaseUrl, dataDir: 'memory://', dbPoolMax: 1, allowRlsBypass: false };
  const error = await openDatabase(config, log, { subscribers: OWNERSHIP_SUBSCRIBERS }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseUnavailableError);
  expect((error as Error).message).not.toContain('\n');
  return error as Error;
}

/** The real entry point with this DATABASE_URL: exit code and what it printed. */
function start(databaseUrl: string) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--require', './scripts/swc-register.cjs', 'src/main.ts'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl, PORT: '0' },
        timeout: 30_000,
      },
      (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
    );
  });
}

(PRIVATE_CLUSTER_AVAILABLE ? describe : describe.skip)('start-up database errors', () => {
  let cluster: PrivateCluster;

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    await cluster.sql("CREATE ROLE app_owner LOGIN PASSWORD 'right-password'");
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('should say which port refused, and to check that PostgreSQL listens there', async () => {
    const port = await freePort();
    expect((await failure(`postgres://app_owner:x@127.0.0.1:${port}/app`)).message).toBe(
      `DATABASE_URL: connection refused at 127.0.0.1:${port}: check that PostgreSQL runs there and listens on that port`,
    );
  });

  it('should say the host cannot be found, to check its name', async () => {
    expect((await failure('postgres://app_owner:x@no-such-host.invalid:5432/app')).message).toBe(
      'DATABASE_URL: host "no-such-host.invalid" cannot be found: check the host name in DATABASE_URL',
    );
  });

  it('should say the password was refused for the user, never showing it', async () => {
    const error = await failure(cluster.url('app_owner', 'wrong-password'));
    expect(error.message).toBe(
      'DATABASE_URL: password authentication failed for user "app_owner": check the user and password',
    );
    expect(error.message).not.toContain('wrong-password');
  });

  it('should say the database does not exist, to create it or fix its name', async () => {
    expect((await failure(cluster.url('app_owner', 'right-password', 'no_such_db'))).message).toBe(
      `DATABASE_URL: database "no_such_db" does not exist at 127.0.0.1:${cluster.port}: create it or fix its name`,
    );
  });

  it('should stop the server with one line and no stack for a refused port', async () => {
    const port = await freePort();
    const { code, stderr } = await start(`postgres://app_owner:secret-pw@127.0.0.1:${port}/app`);
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      `DATABASE_URL: connection refused at 127.0.0.1:${port}: check that PostgreSQL runs there and listens on that port`,
    ]);
  });

  it('should stop the server with one line for a URL that is not postgres://', async () => {
    const { code, stderr } = await start('mysql://app_owner:secret-pw@127.0.0.1:3306/app');
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      'Invalid configuration:',
      '  - DATABASE_URL must be a postgres:// or postgresql:// URL (as Neon gives it)',
    ]);
    expect(stderr).not.toContain('secret-pw');
  });
});

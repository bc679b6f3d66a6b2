import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_SECRET_FILE, resolveAuthSecret } from '../../../src/auth/dev-secret';

describe('resolveAuthSecret', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'dev-secret-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('should return the configured secret without touching the data directory', async () => {
    const dataDir = join(root, 'data');
    const result = await resolveAuthSecret({
      authSecret: 's'.repeat(40),
      dataDir,
      isProduction: true,
    });
    expect(result).toEqual({ secret: 's'.repeat(40), generated: false });
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('should refuse to generate a secret in production', async () => {
    const dataDir = join(root, 'data');
    await expect(
      resolveAuthSecret({ authSecret: undefined, dataDir, isProduction: true }),
    ).rejects.toThrow(/required in production/);
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('should create a 64-hex-character secret readable only by the owner', async () => {
    const dataDir = join(root, 'nested', 'data');
    const result = await resolveAuthSecret({ authSecret: undefined, dataDir, isProduction: false });
    expect(result.generated).toBe(true);
    expect(result.secret).toMatch(/^[0-9a-f]{64}$/);
    const file = join(dataDir, DEV_SECRET_FILE);
    expect(await readFile(file, 'utf8')).toBe(result.secret);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('should return the same secret on the next start', async () => {
    const config = { authSecret: undefined, dataDir: root, isProduction: false };
    const first = await resolveAuthSecret(config);
    const second = await resolveAuthSecret(config);
    expect(second).toEqual(first);
  });

  it('should agree on one secret when started twice at once', async () => {
    const config = { authSecret: undefined, dataDir: root, isProduction: false };
    const [a, b] = await Promise.all([resolveAuthSecret(config), resolveAuthSecret(config)]);
    expect(a.secret).toBe(b.secret);
  });

  it('should use an existing secret file', async () => {
    const secret = 'ab'.repeat(32);
    await writeFile(join(root, DEV_SECRET_FILE), `${secret}\n`);
    const result = await resolveAuthSecret({
      authSecret: undefined,
      dataDir: root,
      isProduction: false,
    });
    expect(result).toEqual({ secret, generated: true });
  });

  it('should refuse an emptied or truncated secret file', async () => {
    await mkdir(root, { recursive: true });
    await writeFile(join(root, DEV_SECRET_FILE), 'short');
    await expect(
      resolveAuthSecret({ authSecret: undefined, dataDir: root, isProduction: false }),
    ).rejects.toThrow(/no usable secret/);
  });
});

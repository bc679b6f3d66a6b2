import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { satisfies, subset } from 'semver';

const ROOT = join(__dirname, '../..');

interface Manifest {
  readonly version?: string;
  readonly engines?: { readonly node?: string };
}

const read = <T>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;

const manifest = read<Manifest>('package.json');
const lock = read<{ packages: Record<string, Manifest> }>('package-lock.json');
const nodeLines = read<{ packages: Record<string, Manifest> }>('.ci/node-lines/package-lock.json');
const supported = manifest.engines?.node ?? '';

describe('package engines', () => {
  it('should be recorded in the lock file as package.json says (npm ci reads the lock)', () => {
    expect(lock.packages['']?.engines).toEqual(manifest.engines);
  });

  // npm warns EBADENGINE for any locked package refusing the running Node: if every one admits
  // each version engines admits, no supported Node can see the warning, whichever it is.
  it('should admit only Node versions every locked package admits', () => {
    const refusing = Object.entries(lock.packages)
      .filter(([path, pkg]) => path !== '' && pkg.engines?.node)
      .filter(([, pkg]) => !subset(supported, pkg.engines!.node!))
      .map(([path, pkg]) => `${path}@${pkg.version} wants node ${pkg.engines!.node}`);
    expect(refusing).toEqual([]);
  });

  it('should admit the Node running the tests and every line CI installs', () => {
    const ciVersions = Object.entries(nodeLines.packages)
      .filter(([path]) => path.startsWith('node_modules/'))
      .map(([, pkg]) => pkg.version!);
    expect(ciVersions.length).toBeGreaterThanOrEqual(2);
    for (const version of [process.versions.node, ...ciVersions]) {
      expect({ version, admitted: satisfies(version, supported) }).toEqual({
        version,
        admitted: true,
      });
    }
  });
});

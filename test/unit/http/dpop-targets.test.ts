import { dpopTargets } from '../../../src/http/dpop-targets';

const settings = { publicUrl: undefined, production: false, listenHost: '127.0.0.1' };

describe('dpopTargets', () => {
  it('should name only PUBLIC_URL when it is set, in production or not', () => {
    for (const production of [true, false]) {
      const targets = dpopTargets({
        ...settings,
        production,
        publicUrl: 'https://api.example.com',
        port: () => 4000,
      });
      expect(targets('/graphql')).toEqual(['https://api.example.com/graphql']);
    }
  });

  it('should name nothing in production without PUBLIC_URL', () => {
    expect(dpopTargets({ ...settings, production: true, port: () => 4000 })('/graphql')).toEqual(
      [],
    );
  });

  it('should name the listening port on loopback names in development, read once it listens', () => {
    let port = 0;
    const targets = dpopTargets({ ...settings, port: () => port });
    port = 4321;
    expect(targets('/graphql')).toEqual([
      'http://localhost:4321/graphql',
      'http://127.0.0.1:4321/graphql',
      'http://[::1]:4321/graphql',
    ]);
  });

  it('should add the listening host when it is a name of its own', () => {
    expect(
      dpopTargets({ ...settings, listenHost: 'dev.internal', port: () => 80 })('/graphql'),
    ).toContain('http://dev.internal:80/graphql');
    expect(dpopTargets({ ...settings, listenHost: '::', port: () => 80 })('/graphql')).toHaveLength(
      3,
    );
  });
});

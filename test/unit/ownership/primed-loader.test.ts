import { PrimedLoader } from '../../../src/ownership/primed-loader';

describe('PrimedLoader', () => {
  const loaderOf = (calls: string[][]) =>
    new PrimedLoader<string>((keys) => {
      calls.push([...keys]);
      return Promise.resolve(keys.map((key) => `loaded ${key}`));
    });

  it('should answer a primed value from peek and load alike, without a batch', async () => {
    const calls: string[][] = [];
    const loader = loaderOf(calls);
    loader.prime('a', 'primed a');
    expect(loader.peek('a')).toBe('primed a');
    await expect(loader.load('a')).resolves.toBe('primed a');
    expect(calls).toEqual([]);
  });

  it('should not peek a key the loader already loaded, like DataLoader ignoring its prime', async () => {
    const calls: string[][] = [];
    const loader = loaderOf(calls);
    await loader.load('a');
    loader.prime('a', 'primed a');
    expect(loader.peek('a')).toBeUndefined();
    await expect(loader.load('a')).resolves.toBe('loaded a');
  });

  it('should keep the first primed value, as DataLoader does', () => {
    const loader = loaderOf([]);
    loader.prime('a', 'first');
    loader.prime('a', 'second');
    expect(loader.peek('a')).toBe('first');
  });

  it('should forget a cleared key in peek and load alike', async () => {
    const calls: string[][] = [];
    const loader = loaderOf(calls);
    loader.prime('a', 'primed a');
    loader.prime('b', 'primed b');
    loader.clear('a');
    expect(loader.peek('a')).toBeUndefined();
    await expect(loader.load('a')).resolves.toBe('loaded a');
    loader.clearAll();
    expect(loader.peek('b')).toBeUndefined();
    await expect(loader.load('b')).resolves.toBe('loaded b');
    expect(calls).toEqual([['a'], ['b']]);
  });
});

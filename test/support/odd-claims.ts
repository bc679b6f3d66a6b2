import fc from 'fast-check';

/** A claim's value as raw JSON text, so it can be what JSON.stringify never writes (1e400). */
export type RawJson = string;

const text = (value: unknown): RawJson => JSON.stringify(value);

/** Numbers, mostly around `nowSeconds`, where fractions get past every other check. */
export function oddNumericDates(nowSeconds: number): fc.Arbitrary<RawJson> {
  // Written as text: a tiny double added to a date near 1.8e9 would round the fraction away.
  const near = (from: number, to: number) =>
    fc
      .tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 999_999 }))
      .map(([seconds, micros]) => `${nowSeconds + seconds}.${String(micros).padStart(6, '0')}`);
  return fc.oneof(
    { arbitrary: near(-60, 29), weight: 4 },
    { arbitrary: near(590, 610), weight: 2 },
    fc.integer({ min: -120, max: 120 }).map((d) => String(nowSeconds + d)),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.integer().map(String),
    fc.constantFrom(
      '1e400',
      '-1e400',
      '-0',
      '0',
      '1e-7',
      '9007199254740993',
      '1e20',
      '-1e20',
      `${nowSeconds}.999999999999`,
      `${nowSeconds}e0`,
      `${nowSeconds / 1000}e3`,
    ),
    fc.constantFrom('"NaN"', '"Infinity"', '"-Infinity"', `"${nowSeconds}"`, 'null', 'true'),
    fc.constantFrom('[]', '{}', `[${nowSeconds}]`, `{"$date":${nowSeconds}}`),
  );
}

export function oddValues(): fc.Arbitrary<RawJson> {
  return fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }).map(text),
    fc.jsonValue({ maxDepth: 3 }).map(text),
    fc.double().map((d) => (Number.isFinite(d) ? String(d) : '1e400')),
  );
}

/** `cnf`: objects shaped almost like RFC 9449's `{"jkt": <43 base64url characters>}`. */
export function oddConfirmations(): fc.Arbitrary<RawJson> {
  const jkt = fc.stringMatching(/^[A-Za-z0-9_-]{40,46}$/);
  return fc.oneof(
    jkt.map((value) => text({ jkt: value })),
    fc.record({ jkt: fc.jsonValue({ maxDepth: 1 }) }).map(text),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 })).map(text),
    oddValues(),
  );
}

/** `scope`: space-separated lists with odd separators and names, and non-strings. */
export function oddScopes(): fc.Arbitrary<RawJson> {
  const name = fc.oneof(
    fc.constantFrom('tasks:read', 'tasks:write', 'TASKS:READ', '', 'openid'),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
  const separator = fc.constantFrom(' ', '  ', '\t', '\n', ',', '\u00a0', '\u0000');
  return fc.oneof(
    fc
      .tuple(fc.array(name, { maxLength: 5 }), separator)
      .map(([names, sep]) => text(names.join(sep))),
    fc.array(name, { maxLength: 3 }).map(text),
    oddValues(),
  );
}

/** `sub`: unicode of every kind (lone surrogates, controls), lengths around the 255 limit. */
export function oddSubjects(): fc.Arbitrary<RawJson> {
  return fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }).map(text),
    fc.integer({ min: 250, max: 260 }).map((n) => text('ü'.repeat(n))),
    fc.integer({ min: 250, max: 260 }).map((n) => text('😀'.repeat(n))),
    fc.constantFrom(text(' '), text(''), text('a\u0000b'), text('\ud800'), '123', 'null'),
    oddValues(),
  );
}

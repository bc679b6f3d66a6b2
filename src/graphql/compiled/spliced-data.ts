/**
 * An answer's `data` as the database wrote it: each root field's JSON text, sent as it is by
 * stringifyAnswer. Read as an object by anything else — each root key a property parsed when
 * read (the probe plugin asks whether a lookup answered null), toJSON for the whole — so a
 * plugin looking at the answer sees what graphql-js would have given it.
 */
export class SplicedData {
  // Private, not a property: a root key may be any GraphQL name (`json`, `toJSON` …).
  readonly #json: string;

  constructor(roots: readonly (readonly [key: string, json: string])[]) {
    this.#json = `{${roots.map(([key, json]) => `${JSON.stringify(key)}:${json}`).join(',')}}`;
    for (const [key, json] of roots) {
      Object.defineProperty(this, key, { enumerable: true, get: () => JSON.parse(json) });
    }
  }

  /** The data's JSON text. */
  static textOf(data: SplicedData): string {
    return data.#json;
  }

  toJSON(): unknown {
    return JSON.parse(this.#json);
  }
}

interface ResultFields {
  readonly errors?: unknown;
  readonly data?: unknown;
  readonly extensions?: unknown;
}

/**
 * Apollo's stringifyResult: what its own gives (JSON.stringify and a newline), except that
 * compiled data is spliced in without being parsed and written again.
 */
export function stringifyAnswer(value: unknown): string {
  const { errors, data, extensions } = value as ResultFields;
  if (data instanceof SplicedData && errors === undefined && extensions === undefined) {
    return `{"data":${SplicedData.textOf(data)}}\n`;
  }
  return `${JSON.stringify(value)}\n`;
}

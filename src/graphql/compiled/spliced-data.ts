/**
 * An answer's `data` as the database wrote it (JSON text): sent as it is by
 * stringifyAnswer, and read as an object (toJSON) by anything else that serializes it.
 */
export class SplicedData {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
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
    return `{"data":${data.json}}\n`;
  }
  return `${JSON.stringify(value)}\n`;
}

import type { CommittedChange } from './delivery-ledger';

interface Answer {
  readonly data?: Record<string, { id?: unknown } | null> | null;
  readonly errors?: unknown[];
}

const FIELDS: Record<string, [field: string, kind: CommittedChange['kind']]> = {
  create: ['createTask', 'CREATED'],
  update: ['updateTask', 'UPDATED'],
};

/**
 * The task change a mix operation's answer reports as committed; undefined for reads,
 * refused probes, conflicts and any error (nothing was written, so nothing must arrive).
 */
export function committedChange(
  operationKind: string,
  status: number,
  text: string,
): CommittedChange | undefined {
  const spec = FIELDS[operationKind];
  if (!spec || status !== 200) return undefined;
  let answer: Answer;
  try {
    answer = JSON.parse(text) as Answer;
  } catch {
    return undefined;
  }
  if (answer.errors?.length) return undefined;
  const id = answer.data?.[spec[0]]?.id;
  return typeof id === 'string' ? { kind: spec[1], taskId: id } : undefined;
}

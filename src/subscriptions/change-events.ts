/** What the announcing triggers send (src/db/notify-channels.ts), read back. */

export type TaskChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

export interface TaskChangeEvent {
  readonly kind: TaskChangeKind;
  readonly ownerId: string;
  readonly taskId: string;
  /** The project before and after the change (null: none), for the projectId filter. */
  readonly projectIds: readonly (string | null)[];
}

export type RevocationEvent =
  | { readonly type: 'token'; readonly userId: string; readonly tokenId: string }
  | { readonly type: 'cutoff'; readonly userId: string; readonly issuedAtOrBefore: number };

const KINDS: Record<string, TaskChangeKind> = { C: 'CREATED', U: 'UPDATED', D: 'DELETED' };

const isText = (value: unknown): value is string => typeof value === 'string';

function parseArray(payload: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(payload);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** undefined for anything a trigger of ours did not write. */
export function parseTaskChange(payload: string): TaskChangeEvent | undefined {
  const [kind, ownerId, taskId, before, after] = parseArray(payload) ?? [];
  const projectIds = [before ?? null, after ?? null];
  if (!isText(kind) || !KINDS[kind] || !isText(ownerId) || !isText(taskId)) return undefined;
  if (!projectIds.every((id) => id === null || isText(id))) return undefined;
  return { kind: KINDS[kind], ownerId, taskId, projectIds: projectIds as (string | null)[] };
}

export function parseRevocation(payload: string): RevocationEvent | undefined {
  const [type, userId, value] = parseArray(payload) ?? [];
  if (!isText(userId)) return undefined;
  if (type === 'token' && isText(value)) return { type, userId, tokenId: value };
  if (type === 'cutoff' && typeof value === 'number') {
    return { type, userId, issuedAtOrBefore: value };
  }
  return undefined;
}

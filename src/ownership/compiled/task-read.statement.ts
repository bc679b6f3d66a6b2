import type {
  ConnectionEntry,
  EdgeEntry,
  Keyed,
  PageInfoField,
  TaskEntry,
} from '../../graphql/compiled/read-selection';
import { PRIORITY_RANK } from '../../domain/priority';
import { TASK_SEARCH_MAX } from '../../domain/text-limits';
import type { TaskFilterValues } from '../../domain/task-filter';
import { DEFAULT_TASK_ORDER, type TaskOrderValues } from '../../domain/task-order';
import type { CursorPosition } from '../../pagination/cursor';
import { MAX_PAGE_SIZE } from '../../pagination/page-args';
import { isId } from '../../validation/ids';
import { decodeTaskCursor, likePattern, orderExpressions, taskKeyset } from '../task-query';
import { base64url, isoDate, jsonBool, jsonLiteral, jsonNullable, jsonObject } from './json-sql';
import { Params, taskJson } from './task-json';

/** One statement answering one root field's JSON text, in its one column `answer`. */
export interface CompiledStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** The owner filter is off only in the ablation suites (see OwnerScope). */
export interface CompileScope {
  readonly viewerId: string;
  readonly ownerFilter: boolean;
}

/** Query.task(id:): null when the id names none of the viewer's tasks. */
export function taskStatement(
  entries: readonly TaskEntry[],
  args: Record<string, unknown>,
  scope: CompileScope,
): CompiledStatement | undefined {
  const id = args['id'];
  // A malformed id answers null without a statement on the usual path: leave it there.
  if (!isId(id)) return undefined;
  const params = new Params(scope.viewerId, scope.ownerFilter);
  const idParam = params.add(id.toLowerCase());
  const sql = `SELECT ${jsonNullable(
    `(SELECT ${taskJson(entries, 't', params)} FROM tasks t WHERE t.id = ${idParam}${params.owner('t')})`,
  )} AS answer`;
  return { sql, params: params.values };
}

/** The conditions of a TaskFilter, as applyTaskFilter adds them; undefined: an error to give. */
function filterSql(
  filter: TaskFilterValues | null | undefined,
  params: Params,
): string | undefined {
  if (!filter) return '';
  let sql = '';
  if (filter.completed !== undefined && filter.completed !== null) {
    sql += ` AND t.completed = ${params.add(filter.completed)}`;
  }
  if (filter.projectId !== undefined && filter.projectId !== null) {
    sql += isId(filter.projectId)
      ? ` AND t.project_id = ${params.add(filter.projectId)}`
      : ' AND false';
  }
  if (filter.tagId !== undefined && filter.tagId !== null) {
    sql += isId(filter.tagId)
      ? ` AND EXISTS (SELECT 1 FROM task_tags ftt WHERE ftt.task_id = t.id AND ftt.owner_id = t.owner_id AND ftt.tag_id = ${params.add(filter.tagId)}${params.owner('ftt')})`
      : ' AND false';
  }
  if (filter.priority !== undefined && filter.priority !== null) {
    sql += ` AND t.priority = ${params.add(PRIORITY_RANK[filter.priority])}`;
  }
  if (filter.search !== undefined && filter.search !== null) {
    if (filter.search.length > TASK_SEARCH_MAX || filter.search.includes('\u0000'))
      return undefined;
    const pattern = params.add(likePattern(filter.search));
    sql += ` AND (t.title ILIKE ${pattern} ESCAPE '\\' OR t.description ILIKE ${pattern} ESCAPE '\\')`;
  }
  if (filter.dueBefore) sql += ` AND t.due_at < ${params.add(filter.dueBefore)}`;
  if (filter.dueAfter) sql += ` AND t.due_at > ${params.add(filter.dueAfter)}`;
  return sql;
}

/** Rows strictly after the cursor's position, as applyKeyset writes it. */
function afterSql(
  order: TaskOrderValues,
  position: CursorPosition | undefined,
  params: Params,
): string {
  if (!position) return '';
  const keyset = taskKeyset(order);
  const { column, kind, nullable, collate } = keyset.column;
  const cmp = keyset.descending ? '<' : '>';
  const raw = `t.${column}`;
  const c = `${raw}${collate ? ` COLLATE "${collate}"` : ''}`;
  if (position.value === null)
    return ` AND (${raw} IS NULL AND t.id ${cmp} ${params.add(position.id)})`;
  const value = kind === 'date' ? new Date(position.value) : position.value;
  const v = params.add(value);
  const typed =
    kind === 'date' ? `CAST(${v} AS timestamptz)` : `${v}${collate ? ` COLLATE "${collate}"` : ''}`;
  const strict = `(${c}, t.id) ${cmp} (${typed}, ${params.add(position.id)})`;
  return ` AND ${nullable ? `(${strict} OR ${raw} IS NULL)` : strict}`;
}

/** A cursor as encodeCursor writes it for the row `t`. */
function cursorJson(order: TaskOrderValues, t: string): string {
  const keyset = taskKeyset(order);
  const raw = `${t}.${keyset.column.column}`;
  const value =
    keyset.column.kind === 'date'
      ? `coalesce('"' || ${isoDate(raw)} || '"', 'null')`
      : keyset.column.kind === 'number'
        ? `${raw}::text`
        : `to_json(${raw})::text`;
  const text = `'[${JSON.stringify(keyset.key)},' || ${value} || ',"' || ${t}.id || '"]'`;
  return `'"' || ${base64url(text)} || '"'`;
}

interface Page {
  readonly size: number;
  readonly order: TaskOrderValues;
}

function edgeJson(entries: readonly EdgeEntry[], page: Page, params: Params): string {
  return jsonObject(
    entries.map((entry): [string, string] => {
      if ('node' in entry) return [entry.key, taskJson(entry.node, 't', params)];
      if (entry.field === 'cursor') return [entry.key, cursorJson(page.order, 't')];
      return [entry.key, jsonLiteral('TaskEdge')];
    }),
  );
}

/** A JSON array of the page's rows (at most `size` of the `size + 1` read), in order. */
function pageArray(element: string, page: Page): string {
  return `'[' || coalesce((SELECT string_agg(${element}, ',' ORDER BY t.n) FROM page t WHERE t.n <= ${page.size}), '') || ']'`;
}

function pageInfoJson(entries: readonly Keyed<PageInfoField>[], page: Page): string {
  const cursorAt = (n: string) =>
    jsonNullable(`(SELECT ${cursorJson(page.order, 't')} FROM page t WHERE t.n = ${n})`);
  return jsonObject(
    entries.map(({ key, field }): [string, string] => {
      switch (field) {
        case 'hasNextPage':
          return [key, jsonBool(`(SELECT count(*) FROM page) > ${page.size}`)];
        // Known only in the reading direction (toPage): a forward page says false.
        case 'hasPreviousPage':
          return [key, `'false'`];
        case 'startCursor':
          return [key, cursorAt('1')];
        case 'endCursor':
          return [key, cursorAt(`(SELECT least(count(*), ${page.size}) FROM page)`)];
        case '__typename':
          return [key, jsonLiteral('PageInfo')];
      }
    }),
  );
}

/**
 * A connection without pageInfo needs no row past the page, nor row numbers: the page is read
 * with LIMIT first, and each list is one aggregate over it in the page's order, in one pass
 * (no materialized page, no window; about a sixth of the statement's execution time).
 */
function onePass(
  entries: readonly ConnectionEntry[],
  page: Page,
  owned: string,
  after: string,
  params: Params,
): CompiledStatement {
  const ordered = orderExpressions('t', page.order).join(', ');
  const list = (element: string) =>
    `'[' || coalesce(string_agg(${element}, ',' ORDER BY ${ordered}), '') || ']'`;
  const from = `FROM (SELECT t.* ${owned}${after} ORDER BY ${ordered} LIMIT ${params.add(page.size)}) t`;
  const fields = entries.map((entry): [string, string] => {
    if ('nodes' in entry) return [entry.key, list(taskJson(entry.nodes, 't', params))];
    if ('edges' in entry) return [entry.key, list(edgeJson(entry.edges, page, params))];
    if (entry.field === 'totalCount') return [entry.key, `(SELECT count(*) ${owned})::text`];
    return [entry.key, jsonLiteral('TaskConnection')];
  });
  return { sql: `SELECT ${jsonObject(fields)} AS answer ${from}`, params: params.values };
}

/**
 * Query.tasks: a forward page (first, after) of the viewer's tasks with its filter and order,
 * and totalCount, in one statement and so one snapshot. undefined for anything the usual path
 * answers with an error (first out of bounds, last, before, a cursor that does not decode, a
 * search too long): that path gives the error.
 */
export function tasksStatement(
  entries: readonly ConnectionEntry[],
  args: Record<string, unknown>,
  scope: CompileScope,
): CompiledStatement | undefined {
  if ('last' in args || (args['before'] !== undefined && args['before'] !== null)) return undefined;
  const first = args['first'];
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    return undefined;
  }
  const order = (args['orderBy'] as TaskOrderValues | null | undefined) ?? DEFAULT_TASK_ORDER;
  let position: CursorPosition | undefined;
  try {
    position = decodeTaskCursor(args['after'] as string | null | undefined, order);
  } catch {
    return undefined;
  }
  const params = new Params(scope.viewerId, scope.ownerFilter);
  const filter = filterSql(args['filter'] as TaskFilterValues | null | undefined, params);
  if (filter === undefined) return undefined;
  const page: Page = { size: first, order };
  const owned = `FROM tasks t WHERE true${params.owner('t')}${filter}`;
  const needsPage = entries.some((e) => 'nodes' in e || 'edges' in e || 'pageInfo' in e);
  const counted = entries.some((e) => e.field === 'totalCount');
  // PostgreSQL counts a statement's parameters from its text: send only those it names.
  if (!needsPage && !counted) params.values.length = 0;
  const ordered = orderExpressions('t', order).join(', ');
  if (needsPage && !entries.some((e) => 'pageInfo' in e)) {
    return onePass(entries, page, owned, afterSql(order, position, params), params);
  }
  const withPage = needsPage
    ? `WITH page AS MATERIALIZED (SELECT t.*, row_number() OVER (ORDER BY ${ordered}) AS n ${owned}${afterSql(order, position, params)} ORDER BY ${ordered} LIMIT ${params.add(first + 1)}) `
    : '';
  const fields = entries.map((entry): [string, string] => {
    if ('nodes' in entry) return [entry.key, pageArray(taskJson(entry.nodes, 't', params), page)];
    if ('edges' in entry) return [entry.key, pageArray(edgeJson(entry.edges, page, params), page)];
    if ('pageInfo' in entry) return [entry.key, pageInfoJson(entry.pageInfo, page)];
    if (entry.field === 'totalCount') return [entry.key, `(SELECT count(*) ${owned})::text`];
    return [entry.key, jsonLiteral('TaskConnection')];
  });
  return { sql: `${withPage}SELECT ${jsonObject(fields)} AS answer`, params: params.values };
}

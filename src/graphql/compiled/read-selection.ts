/**
 * What a compiled read answers, field by field, in the order graphql-js would write its keys.
 * Pure data: the SQL that fills it is built in src/ownership/compiled.
 */

export type ProjectField = 'id' | 'name' | 'description' | 'createdAt' | 'updatedAt' | '__typename';
export type TagField = 'id' | 'name' | '__typename';
export type TaskScalar =
  | 'id'
  | 'title'
  | 'description'
  | 'completed'
  | 'priority'
  | 'dueAt'
  | 'createdAt'
  | 'updatedAt'
  | '__typename';
export type PageInfoField =
  'hasNextPage' | 'hasPreviousPage' | 'startCursor' | 'endCursor' | '__typename';

/** One key of an answer object: its response key (alias or name) and what fills it. */
export interface Keyed<F> {
  readonly key: string;
  readonly field: F;
}

export type TaskEntry =
  | Keyed<TaskScalar>
  | (Keyed<'project'> & { readonly project: readonly Keyed<ProjectField>[] })
  | (Keyed<'tags'> & { readonly tags: readonly Keyed<TagField>[] });

export type EdgeEntry =
  Keyed<'cursor' | '__typename'> | (Keyed<'node'> & { readonly node: readonly TaskEntry[] });

export type ConnectionEntry =
  | Keyed<'totalCount' | '__typename'>
  | (Keyed<'nodes'> & { readonly nodes: readonly TaskEntry[] })
  | (Keyed<'edges'> & { readonly edges: readonly EdgeEntry[] })
  | (Keyed<'pageInfo'> & { readonly pageInfo: readonly Keyed<PageInfoField>[] });

/** A root field of a compiled query; `node` is its field node, for its arguments. */
export type RootEntry<N> =
  | Keyed<'__typename'>
  | (Keyed<'task'> & { readonly node: N; readonly task: readonly TaskEntry[] })
  | (Keyed<'tasks'> & { readonly node: N; readonly connection: readonly ConnectionEntry[] });

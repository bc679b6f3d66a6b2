import type {
  Keyed,
  ProjectField,
  TagField,
  TaskEntry,
  TaskScalar,
} from '../../graphql/compiled/read-selection';
import { jsonBool, jsonDate, jsonLiteral, jsonNullable, jsonObject, jsonText } from './json-sql';

/** A statement's parameters as it is built: `$1` is the viewer when the owner filter is on. */
export class Params {
  readonly values: unknown[] = [];
  /** The owner condition on `alias`, as OwnerScope adds it; '' with the filter off. */
  readonly owner: (alias: string) => string;

  constructor(viewerId: string, ownerFilter: boolean) {
    if (ownerFilter) {
      this.values.push(viewerId);
      this.owner = (alias) => ` AND "${alias}"."owner_id" = $1`;
    } else {
      this.owner = () => '';
    }
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const PRIORITY_JSON = `(ARRAY['"LOW"','"MEDIUM"','"HIGH"','"URGENT"'])`;

function taskScalar(field: TaskScalar, t: string): string {
  switch (field) {
    case 'id':
      return jsonText(`${t}.id`);
    case 'title':
      return jsonText(`${t}.title`);
    case 'description':
      return jsonNullable(jsonText(`${t}.description`));
    case 'completed':
      return jsonBool(`${t}.completed`);
    case 'priority':
      return `${PRIORITY_JSON}[${t}.priority + 1]`;
    case 'dueAt':
      return jsonNullable(jsonDate(`${t}.due_at`));
    case 'createdAt':
      return jsonDate(`${t}.created_at`);
    case 'updatedAt':
      return jsonDate(`${t}.updated_at`);
    case '__typename':
      return jsonLiteral('Task');
  }
}

function projectField(field: ProjectField, p: string): string {
  switch (field) {
    case 'id':
      return jsonText(`${p}.id`);
    case 'name':
      return jsonText(`${p}.name`);
    case 'description':
      return jsonNullable(jsonText(`${p}.description`));
    case 'createdAt':
      return jsonDate(`${p}.created_at`);
    case 'updatedAt':
      return jsonDate(`${p}.updated_at`);
    case '__typename':
      return jsonLiteral('Project');
  }
}

function tagField(field: TagField, g: string): string {
  switch (field) {
    case 'id':
      return jsonText(`${g}.id`);
    case 'name':
      return jsonText(`${g}.name`);
    case '__typename':
      return jsonLiteral('Tag');
  }
}

/**
 * A task's JSON from the row `t` of the tasks table. Its project and tags are joined on the
 * task's owner as well as its keys (like the composite foreign keys and the prefetch of the
 * stores), with the owner condition on each table; row-level security applies under it.
 */
export function taskJson(entries: readonly TaskEntry[], t: string, params: Params): string {
  return jsonObject(
    entries.map((entry): [string, string] => {
      if ('project' in entry) {
        const fields = entry.project.map(
          ({ key, field }: Keyed<ProjectField>): [string, string] => [
            key,
            projectField(field, 'p'),
          ],
        );
        return [
          entry.key,
          jsonNullable(
            `(SELECT ${jsonObject(fields)} FROM projects p
              WHERE p.id = ${t}.project_id AND p.owner_id = ${t}.owner_id${params.owner('p')})`,
          ),
        ];
      }
      if ('tags' in entry) {
        const fields = entry.tags.map(({ key, field }: Keyed<TagField>): [string, string] => [
          key,
          tagField(field, 'g'),
        ]);
        // The order of TagStore's loader and of the prefetch: by name, then id.
        return [
          entry.key,
          `'[' || coalesce((SELECT string_agg(${jsonObject(fields)}, ',' ORDER BY g.name, g.id)
              FROM task_tags tt JOIN tags g ON g.id = tt.tag_id AND g.owner_id = tt.owner_id
              WHERE tt.task_id = ${t}.id AND tt.owner_id = ${t}.owner_id${params.owner('tt')}${params.owner('g')}), '') || ']'`,
        ];
      }
      return [entry.key, taskScalar(entry.field as TaskScalar, t)];
    }),
  );
}

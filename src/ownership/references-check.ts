import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { RequestTransaction } from '../db/request-transaction';
import { MISSING_ROW_SQLSTATE } from '../db/migrations/1764000000017-refuse-missing-row';
import { sqlStateOf } from '../db/sqlstate';
import { ProjectEntity } from '../entities/project.entity';
import { TagEntity } from '../entities/tag.entity';
import { TaskEntity } from '../entities/task.entity';
import { NotFoundError } from '../errors/errors';
import type { OwnerScope } from './owner-scope';

/** The rows a write names; each must exist and be the viewer's. Ids are lower case and valid. */
export interface References {
  readonly task?: string;
  readonly project?: string | null;
  readonly tags?: readonly string[];
}

/**
 * One statement that checks every row a write names, and raises (refuse_missing_row) when one
 * is missing or another user's. The refusal comes from the database, not from JavaScript
 * reading the answer: the transaction is aborted there, so the statements queued behind the
 * check fail unrun and a COMMIT in the same message rolls back (RequestTransaction.atomic).
 * Resolves without a statement when the write names nothing.
 */
export async function checkReferences(
  tx: RequestTransaction,
  scope: OwnerScope,
  { task, project, tags = [] }: References,
): Promise<void> {
  const counts: string[] = [];
  const params: ObjectLiteral = {};
  const count = <T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    alias: string,
    ids: readonly string[],
  ) => {
    const qb = scope.apply(
      tx.manager
        .createQueryBuilder(entity, alias)
        .select('count(*)')
        .where(`${alias}.id IN (:...${alias}_ids)`, { [`${alias}_ids`]: ids }),
      alias,
    );
    counts.push(`(${qb.getQuery()}) = ${ids.length}`);
    Object.assign(params, qb.getParameters());
  };
  if (task) count(TaskEntity, 't', [task]);
  if (project) count(ProjectEntity, 'p', [project]);
  const distinctTags = [...new Set(tags)];
  if (distinctTags.length > 0) count(TagEntity, 'g', distinctTags);
  if (counts.length === 0) return;
  const [sql, values] = tx.manager.connection.driver.escapeQueryWithParameters(
    `SELECT CASE WHEN ${counts.join(' AND ')} THEN true ELSE refuse_missing_row() END AS found`,
    params,
  );
  try {
    await tx.query(sql, values);
  } catch (error) {
    throw sqlStateOf(error) === MISSING_ROW_SQLSTATE ? new NotFoundError() : error;
  }
}

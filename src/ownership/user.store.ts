import type { Viewer } from '../auth/viewer';
import type { RequestTransaction } from '../db/request-transaction';
import { UserEntity } from '../entities/user.entity';
import { ForbiddenError } from '../errors/errors';
import { eraseAccount } from './account-erasure';

export interface UserRecord {
  readonly id: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly createdAt: Date;
}

/**
 * In one statement: creates the caller's row if missing, brings its claims up to the token's
 * when they differ, and answers its created_at. A write's statements may therefore follow it
 * without waiting for its answer, and nothing of it comes after them. ON CONFLICT DO NOTHING
 * neither locks nor rewrites an existing row, and the UPDATE only runs when a claim differs.
 * `existing` is the row from before the statement: a statement does not see its CTE's insert.
 */
const ENSURE_ROW = `WITH created AS (
    INSERT INTO users (id, email, name) VALUES ($1, $2, $3)
    ON CONFLICT (id) DO NOTHING
    RETURNING created_at),
  existing AS (
    SELECT created_at, email, name FROM users WHERE id = $1 AND NOT EXISTS (SELECT FROM created)),
  refreshed AS (
    UPDATE users SET email = $2, name = $3
    WHERE id = $1
      AND EXISTS (SELECT FROM existing WHERE email IS DISTINCT FROM $2 OR name IS DISTINCT FROM $3))
  SELECT created_at FROM created
  UNION ALL
  SELECT created_at FROM existing`;

/**
 * The caller's user row, created on first sight from the token's claims. email and name
 * are answered from the token (the contract), and kept in the row for operators.
 */
export class UserStore {
  private loaded: Promise<UserRecord> | undefined;
  private erased = false;

  constructor(
    private readonly tx: RequestTransaction,
    private readonly viewer: Viewer,
  ) {}

  me(): Promise<UserRecord> {
    // Later fields of the document that erased the account must not bring the user back;
    // not UNAUTHENTICATED, which would answer 401 and hide that the deletion went through.
    if (this.erased) {
      return Promise.reject(new ForbiddenError('The account was deleted earlier in this request.'));
    }
    return (this.loaded ??= this.read());
  }

  /**
   * Writes reference the user row: this makes sure it exists (once per request). Its first
   * statement creates the row, so a write's statements may follow it without waiting.
   */
  async ensure(): Promise<void> {
    if (this.erased) await this.me();
    else await (this.loaded ??= this.createOrRead());
  }

  /** Read first: a known user whose claims are unchanged costs one SELECT and no write. */
  private async read(): Promise<UserRecord> {
    const { id, email, name } = this.viewer;
    const row = await this.tx.manager
      .createQueryBuilder(UserEntity, 'u')
      .where('u.id = :id', { id })
      .getOne();
    if (row && row.email === email && row.name === name) {
      return { id, email, name, createdAt: row.createdAt };
    }
    return this.createOrRead();
  }

  private async createOrRead(): Promise<UserRecord> {
    const { id, email, name } = this.viewer;
    const [row] = await this.tx.query<{ created_at: Date }>(ENSURE_ROW, [id, email, name]);
    // Under REPEATABLE READ a row inserted by another request after this snapshot fails the
    // INSERT (a conflict, run again) rather than go unseen, so a row is always answered.
    if (!row) throw new Error('the user row was neither created nor found');
    return { id, email, name, createdAt: row.created_at };
  }

  /** Deletes the account: every row of the user, and every token issued up to now refused. */
  async erase(): Promise<void> {
    await eraseAccount(this.tx);
    this.erased = true;
  }
}

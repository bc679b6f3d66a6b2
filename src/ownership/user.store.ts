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
 * Creates the caller's row if missing and reads it back, in one statement: the row the
 * statement's own insert made, or else the one already there (a statement does not see its
 * own CTE's insert). ON CONFLICT DO NOTHING neither locks nor rewrites an existing row.
 */
const ENSURE_ROW = `WITH created AS (
    INSERT INTO users (id, email, name) VALUES ($1, $2, $3)
    ON CONFLICT (id) DO NOTHING
    RETURNING email, name, created_at)
  SELECT email, name, created_at FROM created
  UNION ALL
  SELECT email, name, created_at FROM users WHERE id = $1 AND NOT EXISTS (SELECT FROM created)`;

interface UserRow {
  readonly email: string | null;
  readonly name: string | null;
  readonly created_at: Date;
}

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
    const row = await this.tx.manager
      .createQueryBuilder(UserEntity, 'u')
      .where('u.id = :id', { id: this.viewer.id })
      .getOne();
    return this.refreshed(row && { email: row.email, name: row.name, created_at: row.createdAt });
  }

  private async createOrRead(): Promise<UserRecord> {
    const { id, email, name } = this.viewer;
    const [row] = await this.tx.query<UserRow>(ENSURE_ROW, [id, email, name]);
    return this.refreshed(row ?? null);
  }

  /** The record, after the row is created or its claims brought up to the token's. */
  private async refreshed(row: UserRow | null): Promise<UserRecord> {
    const { id, email, name } = this.viewer;
    let createdAt = row?.created_at;
    if (!row || row.email !== email || row.name !== name) {
      // An upsert locks and rewrites the row even when nothing changes: only when needed.
      await this.tx.manager
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values({ id, email, name })
        .orUpdate(['email', 'name'], ['id'], { skipUpdateIfNoValuesChanged: true })
        .execute();
      const upserted = await this.tx.manager
        .createQueryBuilder(UserEntity, 'u')
        .where('u.id = :id', { id })
        .getOneOrFail();
      createdAt = upserted.createdAt;
    }
    return { id, email, name, createdAt: createdAt! };
  }

  /** Deletes the account: every row of the user, and every token issued up to now refused. */
  async erase(): Promise<void> {
    await eraseAccount(this.tx);
    this.erased = true;
  }
}

import type { Viewer } from '../auth/viewer';
import type { RequestTransaction } from '../db/request-transaction';
import { UserEntity } from '../entities/user.entity';
import { ForbiddenError } from '../errors/errors';
import { lazy } from '../pagination/page';
import { eraseAccount } from './account-erasure';

export interface UserRecord {
  readonly id: string;
  readonly email: string | null;
  readonly name: string | null;
  readonly createdAt: Date;
}

/**
 * The caller's user row, created on first sight from the token's claims. email and name
 * are answered from the token (the contract), and kept in the row for operators.
 */
export class UserStore {
  private readonly load: () => Promise<UserRecord>;
  private erased = false;

  constructor(
    private readonly tx: RequestTransaction,
    viewer: Viewer,
  ) {
    const read = () =>
      tx.manager.createQueryBuilder(UserEntity, 'u').where('u.id = :id', { id: viewer.id });
    this.load = lazy(async () => {
      // Read first: a known user whose claims are unchanged costs one SELECT and no write
      // (an upsert locks and rewrites the row even when nothing changes).
      let row = await read().getOne();
      if (!row || row.email !== viewer.email || row.name !== viewer.name) {
        await tx.manager
          .createQueryBuilder()
          .insert()
          .into(UserEntity)
          .values({ id: viewer.id, email: viewer.email, name: viewer.name })
          .orUpdate(['email', 'name'], ['id'], {
            skipUpdateIfNoValuesChanged: true,
          })
          .execute();
        row = await read().getOneOrFail();
      }
      return { id: viewer.id, email: viewer.email, name: viewer.name, createdAt: row.createdAt };
    });
  }

  me(): Promise<UserRecord> {
    // Later fields of the document that erased the account must not bring the user back;
    // not UNAUTHENTICATED, which would answer 401 and hide that the deletion went through.
    if (this.erased) {
      return Promise.reject(new ForbiddenError('The account was deleted earlier in this request.'));
    }
    return this.load();
  }

  /** Writes reference the user row; this makes sure it exists first (once per request). */
  async ensure(): Promise<void> {
    await this.me();
  }

  /** Deletes the account: every row of the user, and every token issued up to now refused. */
  async erase(): Promise<void> {
    await eraseAccount(this.tx);
    this.erased = true;
  }
}

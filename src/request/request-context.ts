import type { Viewer } from '../auth/viewer';
import type { RevocationStore } from '../auth/revocation.store';
import type { RequestTransaction } from '../db/request-transaction';
import type { Logger } from '../log/logger';
import type { Stores } from '../ownership/stores';

/** Built once per request after the token is verified: there is always a viewer. */
export interface RequestContext {
  readonly viewer: Viewer;
  readonly log: Logger;
  readonly tx: RequestTransaction;
  readonly stores: Stores;
  readonly revocations: RevocationStore;
}

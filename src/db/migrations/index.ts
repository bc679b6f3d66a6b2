import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { RowLevelSecurity1764000000001 } from './1764000000001-row-level-security';
import { DpopProofs1764000000002 } from './1764000000002-dpop-proofs';
import { TokenRevokedFunction1764000000003 } from './1764000000003-token-revoked-function';
import { ChangeNotifications1764000000004 } from './1764000000004-change-notifications';

export const MIGRATIONS = [
  InitialSchema1764000000000,
  RowLevelSecurity1764000000001,
  DpopProofs1764000000002,
  TokenRevokedFunction1764000000003,
  ChangeNotifications1764000000004,
];

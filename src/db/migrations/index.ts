import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { RowLevelSecurity1764000000001 } from './1764000000001-row-level-security';
import { DpopProofs1764000000002 } from './1764000000002-dpop-proofs';
import { TokenRevokedFunction1764000000003 } from './1764000000003-token-revoked-function';
import { RevocationKey1764000000004 } from './1764000000004-revocation-key';
import { AccountDeletion1764000000005 } from './1764000000005-account-deletion';
import { RefuseRevokedToken1764000000006 } from './1764000000006-refuse-revoked-token';
import { ChangeNotifications1764000000007 } from './1764000000007-change-notifications';
import { HousekeepingRole1764000000012 } from './1764000000012-housekeeping-role';
import { ProjectOrderIndexes1764000000015 } from './1764000000015-project-order-indexes';
import { RenameAnnouncements1764000000016 } from './1764000000016-rename-announcements';
import { RefuseMissingRow1764000000017 } from './1764000000017-refuse-missing-row';

export const MIGRATIONS = [
  InitialSchema1764000000000,
  RowLevelSecurity1764000000001,
  DpopProofs1764000000002,
  TokenRevokedFunction1764000000003,
  RevocationKey1764000000004,
  AccountDeletion1764000000005,
  RefuseRevokedToken1764000000006,
  ChangeNotifications1764000000007,
  HousekeepingRole1764000000012,
  ProjectOrderIndexes1764000000015,
  RenameAnnouncements1764000000016,
  RefuseMissingRow1764000000017,
];

import { describeIsolationSuite } from '../../support/isolation/isolation-suite';
import { RLS_ONLY } from '../../support/isolation/walls';

describeIsolationSuite(RLS_ONLY);

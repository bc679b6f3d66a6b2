import { describeIsolationSuite } from './isolation-suite';
import { RLS_ONLY } from '../../support/isolation/walls';

describeIsolationSuite(RLS_ONLY);

import { describeIsolationSuite } from './isolation-suite';
import { BOTH_WALLS } from '../../support/isolation/walls';

describeIsolationSuite(BOTH_WALLS);

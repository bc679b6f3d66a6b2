import { describeIsolationSuite } from './isolation-suite';
import { FILTER_ONLY } from '../../support/isolation/walls';

describeIsolationSuite(FILTER_ONLY);

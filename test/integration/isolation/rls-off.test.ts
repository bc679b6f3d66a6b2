import { describeIsolationSuite } from '../../support/isolation/isolation-suite';
import { FILTER_ONLY } from '../../support/isolation/walls';

describeIsolationSuite(FILTER_ONLY);

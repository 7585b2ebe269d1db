import { sharedDataGuard } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ, SIGMAHQ } from './sigmahq.js';

sharedDataGuard([{ what: 'the SigmaHQ corpus with regression_data/', path: SIGMAHQ, env: 'SIGMAHQ_DIR', present: HAVE_SIGMAHQ }]);

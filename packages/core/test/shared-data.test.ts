import { HAVE_SIGMAHQ, SIGMAHQ, sharedDataGuard } from './shared-data.js';

sharedDataGuard([{ what: 'the SigmaHQ corpus', path: SIGMAHQ, env: 'SIGMAHQ_DIR', present: HAVE_SIGMAHQ }]);

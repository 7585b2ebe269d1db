import { sharedDataGuard } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ, SIGMAHQ } from './helpers/corpus.js';

sharedDataGuard([{ what: 'the SigmaHQ corpus', path: SIGMAHQ, env: 'SIGMAHQ_DIR', present: HAVE_SIGMAHQ }]);

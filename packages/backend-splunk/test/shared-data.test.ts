import { sharedDataGuard } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ, sigmahqDir } from './helpers/corpus.js';

sharedDataGuard([{ what: 'the SigmaHQ corpus', path: sigmahqDir(), env: 'SIGMAHQ_DIR', present: HAVE_SIGMAHQ }]);

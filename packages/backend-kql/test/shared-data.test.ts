import { join, resolve } from 'node:path';
import { sharedDataGuard } from '../../core/test/shared-data.js';
import { microsoftDir } from '../scripts/generate.mjs';
import { HAVE_SIGMAHQ, REPO, SIGMAHQ } from './corpus/load.js';

sharedDataGuard([
  { what: 'the SigmaHQ corpus', path: SIGMAHQ, env: 'SIGMAHQ_DIR', present: HAVE_SIGMAHQ },
  // microsoftDir() answers undefined without the snapshot, so where it looks is spelled out for the message.
  { what: 'the Microsoft vendor snapshot', path: join(process.env.SIGMATS_VENDOR_DIR ?? resolve(REPO, '../shared/vendor'), 'microsoft'), env: 'SIGMATS_VENDOR_DIR', present: microsoftDir() !== undefined },
]);

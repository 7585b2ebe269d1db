import { sharedDataGuard } from '../../core/test/shared-data.js';
import { HAVE_CATALOG, HAVE_SIGMAHQ, SIGMAHQ, VENDOR } from './corpus-helpers.js';

sharedDataGuard([
  { what: 'the SigmaHQ corpus', path: SIGMAHQ, env: 'SIGMAHQ_DIR', present: HAVE_SIGMAHQ },
  { what: "the vendor snapshot with Sumo's Cloud SIEM catalog", path: VENDOR, env: 'SIGMATS_VENDOR_DIR', present: HAVE_CATALOG },
]);

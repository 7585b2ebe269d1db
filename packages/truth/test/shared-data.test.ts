import { sharedDataGuard } from '../../core/test/shared-data.js';
import { HAVE_SIGMAHQ, HAVE_VENDOR, SIGMAHQ, VENDOR } from './records-fixtures.js';

sharedDataGuard([
  { what: 'the SigmaHQ corpus with regression_data/', path: SIGMAHQ, env: 'SIGMAHQ_DIR', present: HAVE_SIGMAHQ },
  { what: 'the vendor snapshot', path: VENDOR, env: 'SIGMATS_VENDOR_DIR', present: HAVE_VENDOR },
]);

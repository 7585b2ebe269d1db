import { sharedDataGuard } from '../../core/test/shared-data.js';
import { HAVE_VENDOR, VENDOR } from '../../truth/test/records-fixtures.js';

sharedDataGuard([{ what: 'the vendor snapshot', path: VENDOR, env: 'SIGMATS_VENDOR_DIR', present: HAVE_VENDOR }]);

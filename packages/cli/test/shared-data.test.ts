import { sharedDataGuard } from '../../core/test/shared-data.js';
import { ATTACK_SOURCE, HAVE_ATTACK, HAVE_SIGMAHQ, SIGMAHQ } from './built.js';

sharedDataGuard([
  { what: 'the SigmaHQ corpus', path: SIGMAHQ, env: 'SIGMAHQ_DIR', present: HAVE_SIGMAHQ },
  { what: "MITRE's ATT&CK data", path: ATTACK_SOURCE, env: 'SIGMATS_ATTACK_DIR', present: HAVE_ATTACK },
]);

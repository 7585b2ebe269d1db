// Some tests read data that lives beside the repository (../shared), not in it. Without it they skip, and each
// package's test/shared-data.test.ts fails instead, naming what is missing: a run without the data does not pass
// silently. SIGMATS_SKIP_SHARED=1 makes that one test skip too, for a run that knowingly goes without.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'vitest';

/** The SigmaHQ corpus every package's tests read: $SIGMAHQ_DIR, else ../shared/sigmahq beside the repository. */
export const SIGMAHQ = process.env.SIGMAHQ_DIR ?? resolve(import.meta.dirname, '../../../../shared/sigmahq');
export const HAVE_SIGMAHQ = existsSync(join(SIGMAHQ, 'rules'));

// In the name of each test or block that skips without the data, so the skip says why.
export const NEEDS_SIGMAHQ = '(needs the SigmaHQ corpus: ../shared/sigmahq or SIGMAHQ_DIR)';
export const NEEDS_VENDOR = '(needs the vendor snapshot: ../shared/vendor or SIGMATS_VENDOR_DIR)';
export const NEEDS_ATTACK = '(needs the ATT&CK data: ../shared/attack or SIGMATS_ATTACK_DIR)';

export interface SharedData {
  readonly what: string;
  readonly path: string;
  readonly env: string;
  readonly present: boolean;
}

/** The one test per package that fails when shared data its tests need is missing (those tests skip). */
export function sharedDataGuard(needs: readonly SharedData[]): void {
  test.skipIf(process.env.SIGMATS_SKIP_SHARED === '1')('the shared data the tests read is present (SIGMATS_SKIP_SHARED=1 skips this check)', () => {
    const missing = needs.filter((n) => !n.present).map((n) => `${n.what} at ${n.path} (or set ${n.env})`);
    if (missing.length > 0) {
      throw new Error(`shared test data not found: ${missing.join('; ')}. The tests that need it were skipped. Set SIGMATS_SKIP_SHARED=1 to skip this check instead.`);
    }
  });
}

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runTruth } from '../src/differential/truth.js';
import { formatDisagreement, formatTable, summaryLine } from '../src/differential/report.js';
import { HAVE_BOTH, NEEDS_BOTH } from './records-fixtures.js';

/**
 * The platform-truth differential on a deterministic sample of the corpus (the bench and `pnpm truth` run all of it):
 * for every rule and platform, the evaluator's verdict on each raw event must equal the reference interpreter's
 * verdict on the emitted query over the platform's record of that event.
 *
 * Disagreements not yet fixed are listed, per platform and rule with their kinds, in known-disagreements.json, the
 * way regression tests list known failures: the test fails on any disagreement not listed, and on any listed one
 * that no longer happens, so the list only shrinks and always says what is still wrong.
 * `TRUTH_UPDATE_KNOWN=1` rewrites it from a run.
 */
const SAMPLE = Number(process.env.TRUTH_SAMPLE ?? 0.08);
const KNOWN_FILE = new URL('./known-disagreements.json', import.meta.url);

interface Known {
  readonly sample: number;
  readonly platforms: Record<string, string[]>;
}

describe.skipIf(!HAVE_BOTH)(`platform truth ${NEEDS_BOTH}`, () => {
  test(`disagreements on a ${SAMPLE} sample of the corpus are only the known ones`, () => {
    const only = process.env.TRUTH_PLATFORMS?.split(',');
    const run = runTruth({ sample: SAMPLE, keepDisagreements: Number(process.env.TRUTH_KEEP ?? 20), ...(only ? { platforms: only } : {}) });
    if ('unavailable' in run) throw new Error(run.unavailable);
    // TRUTH_JSON=file keeps the whole report (every kept disagreement with its event and records) for inspection.
    if (process.env.TRUTH_JSON) writeFileSync(process.env.TRUTH_JSON, JSON.stringify(run, null, 1));
    console.log(`${formatTable(run.reports)}\n${summaryLine(run.totals)}`);
    const actual: Record<string, string[]> = Object.fromEntries(run.reports.map((r) => [r.platform, [...r.disagreeing]]));
    if (process.env.TRUTH_UPDATE_KNOWN === '1' && !only) {
      writeFileSync(KNOWN_FILE, `${JSON.stringify({ sample: SAMPLE, platforms: actual } satisfies Known, null, 1)}\n`);
    }
    const known: Known = existsSync(KNOWN_FILE) ? (JSON.parse(readFileSync(KNOWN_FILE, 'utf8')) as Known) : { sample: SAMPLE, platforms: {} };
    if (known.sample === SAMPLE) {
      for (const r of run.reports) {
        const listed = new Set(known.platforms[r.platform] ?? []);
        const fresh = r.disagreeing.filter((k) => !listed.has(k));
        const details = r.disagreements.filter((d) => fresh.some((k) => k.startsWith(`${d.rule} `))).slice(0, 3).map(formatDisagreement);
        expect({ platform: r.platform, new: fresh, details }).toEqual({ platform: r.platform, new: [], details: [] });
        const fixed = [...listed].filter((k) => !r.disagreeing.includes(k));
        expect({ platform: r.platform, fixedButStillListed: fixed }).toEqual({ platform: r.platform, fixedButStillListed: [] });
      }
    }
    // Every row proves something: a platform whose every rule is refused or unwitnessed proves nothing.
    for (const r of run.reports) expect(r.proven, r.platform).toBeGreaterThan(0);
  }, 900_000);
});

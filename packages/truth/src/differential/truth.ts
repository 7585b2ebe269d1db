import { join } from 'node:path';
import { documentKey, loadCollection, type SigmaCollection } from '@sigmats/core';
import { corpusFiles, inSample, readSources, repoRoot, sigmahqDir } from './corpus.js';
import { extraEvents } from './extra-events.js';
import { platforms } from './platforms.js';
import { totals, type Totals } from './report.js';
import { prepare, runPlatform, type PlatformReport } from './run.js';

export interface TruthOptions {
  /** Fraction of the rules to run (deterministic sample); 1 = all. */
  readonly sample?: number;
  /** Report rows to run (platform ids); all by default. */
  readonly platforms?: readonly string[];
  /** Rule files to use instead of the SigmaHQ corpus plus our rules. */
  readonly files?: readonly string[];
  readonly keepDisagreements?: number;
  readonly onProgress?: (message: string) => void;
}

export interface TruthRun {
  readonly sample: number;
  readonly rules: number;
  readonly reports: readonly PlatformReport[];
  readonly totals: Totals;
}

/** The differential for every platform (or those asked for) over the corpus and our own rules. */
export function runTruth(options: TruthOptions = {}): TruthRun | { unavailable: string } {
  const progress = options.onProgress ?? (() => {});
  const sample = options.sample ?? 1;
  let files = options.files;
  const corpus = sigmahqDir();
  if (!files) {
    if (!corpus) return { unavailable: 'the SigmaHQ corpus was not found (set SIGMAHQ_DIR, or place shared/ beside the repository)' };
    files = [...corpusFiles(corpus), ...corpusFiles(repoRoot(), ['rules'])];
  }
  const loaded = loadCollection(readSources(files));
  const rules = loaded.rules.filter((r) => inSample(documentKey(r), sample));
  // Correlations are out of the differential: their verdict is over event streams, not single records.
  const collection: SigmaCollection = { rules, correlations: [], filters: [], byRef: new Map(), diagnostics: [] };
  progress(`truth: ${rules.length} rules (sample ${sample}), deriving events`);
  const prepared = prepare({ collection, extraEvents: extraEvents(corpus, join(repoRoot(), 'rules')) });
  const reports: PlatformReport[] = [];
  for (const platform of platforms()) {
    if (options.platforms && !options.platforms.includes(platform.id)) continue;
    const start = Date.now();
    reports.push(runPlatform(platform, collection, prepared, options.keepDisagreements));
    progress(`truth: ${platform.id} in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
  return { sample, rules: rules.length, reports, totals: totals(reports) };
}

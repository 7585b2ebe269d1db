import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCollection } from '@sigmats/core';
import type { ConversionResult, SigmaCollection } from '@sigmats/core';
import { kqlBackend } from '../../src/index.js';
import { SIGMAHQ } from '../../../core/test/shared-data.js';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

// The corpus tests skip without it; test/shared-data.test.ts then fails, naming it.
export { HAVE_SIGMAHQ, SIGMAHQ } from '../../../core/test/shared-data.js';

/** Every .yml file under `d`, sorted. */
export function walkRules(d: string): string[] {
  return readdirSync(d)
    .sort()
    .flatMap((f) => {
      const p = join(d, f);
      return statSync(p).isDirectory() ? walkRules(p) : p.endsWith('.yml') ? [p] : [];
    });
}

export interface Corpus {
  readonly files: readonly string[];
  readonly collection: SigmaCollection;
  readonly result: ConversionResult;
}

let cached: Corpus | undefined;

/** rules/ of the corpus converted with the default (Defender XDR) pipeline; loaded once per test file. */
export function xdrCorpus(): Corpus {
  if (cached) return cached;
  const files = walkRules(join(SIGMAHQ, 'rules'));
  const collection = loadCollection(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })));
  cached = { files, collection, result: kqlBackend().convert(collection) };
  return cached;
}

// vitest setup file: each test file's temporary files go to a folder of its own (inside the run's, run.ts), and a
// file that leaves anything in it fails, in the report, with what it left: a leak is then a failed test file that
// names itself, not a folder more in /tmp. Worker threads and child processes started by the tests inherit TMPDIR.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { closeGuarded } from './left-in.js';

const outer = process.env['TMPDIR'];
const dir = mkdtempSync(join(tmpdir(), 'file-'));
process.env['TMPDIR'] = dir;

// Registered before the test file's own hooks, so it runs after them (hooks after tests run last-registered first):
// after every afterAll that removes what its file made.
afterAll(() => {
  const left = closeGuarded(dir, outer);
  if (left.length > 0) {
    throw new Error(`this test file left ${left.join(', ')} in its temporary folder: remove what a test makes when it is done (as packages/cli/test/temp-dir.ts does)`);
  }
});

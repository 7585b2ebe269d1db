// vitest globalSetup: the whole run's temporary files go to one new folder, so that nothing a run leaves behind can
// pile up in the system's /tmp unseen. TMPDIR is what os.tmpdir() reads at every call; vitest's workers (the forks
// pool) and the processes the tests start inherit it. Each test file gets a folder of its own inside it (file.ts),
// which fails the file that leaves something; this catches the rest (a process that outlived its test file, a file
// that failed before its hooks ran), removes the folder and fails the run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeGuarded } from './left-in.js';

export default function setup(): () => void {
  const outer = process.env['TMPDIR'];
  const dir = mkdtempSync(join(tmpdir(), 'sigmats-vitest-'));
  process.env['TMPDIR'] = dir;
  return () => {
    const left = closeGuarded(dir, outer);
    if (left.length > 0) {
      console.error(`\ntmpdir guard: the test run left ${left.join(', ')} in its temporary folder ${dir} (now removed).\n`);
      // Not thrown: vitest only logs what a teardown throws ("error during close") and still exits 0.
      process.exitCode = 1;
    }
  };
}

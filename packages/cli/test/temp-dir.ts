// Temporary folders for the tests, each removed once nothing needs it, whether its test passed or failed: the test
// run's temporary folder is checked empty after every test file (tmpdir-guard/ at the repository's root).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished, TestRunner } from 'vitest';

// Folders asked for outside a test: in a file's or a describe's body, or in a beforeAll, where an afterAll registered
// then is never run (vitest 4.1). This one is registered as a test file imports this module, which vitest evaluates
// again for every test file (isolate, the default); the file's own afterAll hooks run before it.
const forTheFile: string[] = [];
afterAll(() => {
  for (const dir of forTheFile.splice(0)) remove(dir);
});

/**
 * A new folder `<os.tmpdir()>/<prefix>XXXXXX`. Asked for in a test, it is removed when that test has finished (after
 * its afterEach hooks; a test waits for the processes it starts in it, so none still writes there); elsewhere, when
 * the test file is done.
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (TestRunner.getCurrentTest() !== undefined) onTestFinished(() => remove(dir));
  else forTheFile.push(dir);
  return dir;
}

// force: a folder the test removed itself is no error; retries: a process the test killed may still be going away.
function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

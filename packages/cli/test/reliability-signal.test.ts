// Issue 12: an interrupt never leaves temporary output files behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, onTestFinished, test } from 'vitest';
import { BIN, ensureBuilt } from './built.js';
import { tempDir } from './temp-dir.js';

beforeAll(() => {
  ensureBuilt();
}, 300_000);

const RULE = (n: number): string => `title: Rule ${n}
id: 00000000-0000-4000-8000-${String(n).padStart(12, '0')}
status: test
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        CommandLine|contains: '${'x'.repeat(200)}${n}'
    condition: selection
level: low
`;

test('SIGINT while outputs are being written: exit 130, no temporary files left', async () => {
  const dir = tempDir('sigmats-sigint-');
  mkdirSync(join(dir, 'rules'));
  for (let i = 0; i < 3000; i++) writeFileSync(join(dir, 'rules', `r${i}.yml`), RULE(i));
  // A run the test stopped waiting for (it failed or timed out) would go on writing into the folder: it is killed,
  // and gone, before the folder is removed (onTestFinished hooks run last-registered first).
  let running: ChildProcess | undefined;
  onTestFinished(async () => {
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const gone = new Promise((resolve) => running!.once('exit', resolve));
    running.kill('SIGKILL');
    await gone;
  });
  const leftovers: string[] = [];
  const codes: (number | null)[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const out = join(dir, `out${attempt}`);
    const child = spawn(process.execPath, [BIN, 'convert', '-t', 'splunk', '-f', 'savedsearches', '--no-progress', '-o', `${out}/`, 'rules/'], {
      cwd: dir,
      stdio: 'ignore',
    });
    running = child;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? -2 : null))));
    // Interrupt as soon as the first outputs appear: in the middle of the writes.
    for (let i = 0; i < 2000; i++) {
      let n = 0;
      try {
        n = readdirSync(out).length;
      } catch {
        n = 0;
      }
      if (n > attempt * 50) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGINT');
    codes.push(await exited);
    try {
      leftovers.push(...readdirSync(out).filter((f) => f.endsWith('.tmp')));
    } catch {
      /* nothing written yet */
    }
  }
  expect(leftovers).toEqual([]);
  // Interrupted runs exit 130; a run that finished first exits 0.
  for (const c of codes) expect([0, 130]).toContain(c);
}, 300_000);

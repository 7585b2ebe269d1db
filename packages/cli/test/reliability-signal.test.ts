// Issue 12: an interrupt never leaves temporary output files behind.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { BIN, ensureBuilt } from './built.js';

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
  const dir = mkdtempSync(join(tmpdir(), 'sigmats-sigint-'));
  mkdirSync(join(dir, 'rules'));
  for (let i = 0; i < 3000; i++) writeFileSync(join(dir, 'rules', `r${i}.yml`), RULE(i));
  const leftovers: string[] = [];
  const codes: (number | null)[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const out = join(dir, `out${attempt}`);
    const child = spawn(process.execPath, [BIN, 'convert', '-t', 'splunk', '-f', 'savedsearches', '--no-progress', '-o', `${out}/`, 'rules/'], {
      cwd: dir,
      stdio: 'ignore',
    });
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

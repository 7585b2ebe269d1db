// An output path the user names that is no regular file (a device, a pipe, a socket, also through a symbolic link) is
// written into, not replaced: the atomic write's rename put a regular file in its place, and `convert -o /dev/null`
// run as root replaced the machine's /dev/null. The links below lead to /dev/null, so a regression replaces only
// the link in a temporary folder, never the device.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { memoryIo, run } from '../src/index.js';
import { tempDir } from './temp-dir.js';

const RULE = new URL('../../../rules/t1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml', import.meta.url).pathname;
const hasDevNull = existsSync('/dev/null') && statSync('/dev/null').isCharacterDevice();
const hasMkfifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;

function linkToDevNull(): string {
  const dir = tempDir('sigmats-special-');
  const link = join(dir, 'discard');
  symlinkSync('/dev/null', link);
  return link;
}

describe.skipIf(!hasDevNull)('a user-named output that leads to a device', () => {
  test.each([
    ['convert -o', (out: string) => ['convert', '-t', 'splunk', '-o', out, RULE]],
    ['check --junit', (out: string) => ['check', '--junit', out, RULE]],
    ['check --sarif', (out: string) => ['check', '--sarif', out, RULE]],
    ['test --junit', (out: string) => ['test', '--junit', out, RULE]],
    ['analyze -o', (out: string) => ['analyze', 'attack', '-o', out, RULE]],
  ])('%s writes into it and leaves the link and the device as they were', async (_, argv) => {
    const link = linkToDevNull();
    const io = memoryIo();
    const code = await run(argv(link), io);
    expect(io.err()).not.toMatch(/io\/write-failed/);
    expect(code).toBeLessThan(2);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe.skipIf(!hasMkfifo)('a user-named output that is a named pipe', () => {
  test('convert -o FIFO writes the queries into the pipe, for its reader', async () => {
    const dir = tempDir('sigmats-fifo-');
    const fifo = join(dir, 'queries');
    const got = join(dir, 'got.txt');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The reader is another process: the write blocks until it opens the pipe, as a shell's `>` would.
    const reader = spawn('sh', ['-c', `exec cat "${fifo}" > "${got}"`]);
    const ended = new Promise<boolean>((resolve) => reader.on('exit', () => resolve(true)));
    try {
      const io = memoryIo();
      expect(await run(['convert', '-t', 'splunk', '-o', fifo, RULE], io)).toBe(0);
      // A pipe replaced by a file is never opened for writing: its reader would wait for ever.
      expect(await Promise.race([ended, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000))])).toBe(true);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      expect(readFileSync(got, 'utf8')).toMatch(/Image/);
    } finally {
      reader.kill();
    }
  });
});

// Which outputs the `sigmats` process writes straight to their descriptors (direct-out.ts), and that what it writes
// arrives whole. Pipes and sockets are covered end to end in e2e.test.ts (`| head`, a slow reader on a non-blocking
// pipe); here, files and character devices.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DirectOut, directOut } from '../src/direct-out.js';
import { tempDir } from './temp-dir.js';

const never = (): void => {
  throw new Error('the reader did not go away');
};

test('a file is written directly, whole, in UTF-8', () => {
  const file = join(tempDir('sigmats-direct-'), 'out.txt');
  const fd = openSync(file, 'w');
  try {
    const out = directOut(fd, never);
    expect(out).toBeInstanceOf(DirectOut);
    expect(out!.isTTY).toBe(false);
    const big = 'ä€𝄞 line\n'.repeat(200_000);
    out!.write('first\n');
    out!.write('');
    out!.write(big);
    expect(readFileSync(file, 'utf8')).toBe(`first\n${big}`);
  } finally {
    closeSync(fd);
  }
});

test("a character device (a terminal's kind, /dev/null) and a descriptor that cannot be read are left to Node's streams", () => {
  const fd = openSync('/dev/null', 'w');
  try {
    expect(directOut(fd, never)).toBeUndefined();
  } finally {
    closeSync(fd);
  }
  expect(directOut(1_000_000, never)).toBeUndefined();
});

test('a write error other than a full or closed pipe is thrown, not swallowed', () => {
  const file = join(tempDir('sigmats-direct-'), 'ro.txt');
  closeSync(openSync(file, 'w'));
  const fd = openSync(file, 'r');
  try {
    expect(() => directOut(fd, never)!.write('x')).toThrow(/EBADF/);
  } finally {
    closeSync(fd);
  }
});

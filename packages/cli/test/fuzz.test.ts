// Issue 12: the fuzz campaign, bounded for CI (about 2 minutes; FUZZ_MINUTES / FUZZ_SEED to change it), plus
// property tests of the guards it relies on. Every figure must be 0.
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LinearRegex, SAFE_PLACEHOLDER_ID, decodeSigmaBytes } from '@sigmats/core';
import { runCampaign, summary, unquotedText, CANARY } from '../../../fuzz/campaign.js';
import { kqlSyntaxProblems, kqlUnquoted } from '../src/kql-gate.js';
import { inputReading } from '../src/overwrite.js';
import { tempDir } from './temp-dir.js';

const MINUTES = Number(process.env.FUZZ_MINUTES ?? '2');
const SEED = Number(process.env.FUZZ_SEED ?? String(Date.now() % 1_000_000));
// Replaying a finding `#N ... seed=S`: FUZZ_SEED=S FUZZ_INPUTS=N+1.
const INPUTS = process.env.FUZZ_INPUTS ? Number(process.env.FUZZ_INPUTS) : undefined;

describe('properties', () => {
  test('a safe placeholder id never holds a character that can close a quote or start a clause', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        if (SAFE_PLACEHOLDER_ID.test(s)) expect(s).toMatch(/^[A-Za-z0-9_.-]+$/);
      }),
      { numRuns: 2000 },
    );
  });

  test('the KQL gate never throws, and a single quoted literal of any text passes it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (s) => {
        kqlSyntaxProblems(s);
        const literal = `"${s.replace(/[\\"]/g, '\\$&').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
        expect(kqlSyntaxProblems(`T | where a == ${literal}`)).toEqual([]);
        expect(kqlUnquoted(`T | where a == ${literal}`)).toBe('T | where a ==  ');
      }),
      { numRuns: 2000 },
    );
  });

  test('pipeline regexes agree with JavaScript on patterns both engines run, and finish on catastrophic ones', () => {
    const atoms = fc.constantFrom('a', 'b', '\\d', '\\w', '.', '[ab]', '(a|b)', 'a*', 'b+', 'a?', '(?:ab)+', '^', '$');
    fc.assert(
      fc.property(fc.array(atoms, { minLength: 1, maxLength: 6 }), fc.string({ maxLength: 20, unit: fc.constantFrom('a', 'b', '1', ' ', 'x') }), (parts, text) => {
        const src = parts.join('');
        const re2 = new LinearRegex(src);
        expect(re2.replace(text, '<$&>')).toBe(text.replace(new RegExp(src, 'g'), '<$&>'));
        expect(re2.testPrefix(text)).toBe(new RegExp(`^(?:${src})`).test(text));
      }),
      { numRuns: 1000 },
    );
    const evil = new LinearRegex('^(\\w+\\s?)+$');
    const started = Date.now();
    expect(evil.test(`${'a'.repeat(5000)}!`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('the UTF-8 check agrees with a strict decoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        const d = decodeSigmaBytes(bytes, 'r.yml').diagnostics.filter((x) => x.code === 'io/not-utf8');
        const bomUtf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
        if (!bomUtf16) expect(d.length === 0).toBe(valid);
        for (const x of d) expect(x.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 3000 },
    );
  });

  test('an output path equal to an input, however spelled, is always caught', () => {
    const dir = tempDir('sigmats-prop-');
    mkdirSync(join(dir, 'x'), { recursive: true });
    writeFileSync(join(dir, 'r.yml'), 'title: t\n');
    fc.assert(
      fc.property(fc.constantFrom('r.yml', './r.yml', 'x/../r.yml', `${dir}/r.yml`, 'x/./../r.yml'), (spelled) => {
        expect(inputReading(spelled, ['r.yml'], dir)).toBe('r.yml');
      }),
      { numRuns: 20 },
    );
  });

  test('the canary check sees a value that left its quotes', () => {
    expect(unquotedText('kql', `T | where a == "x" or ${CANARY} or ""`)).toContain(CANARY);
    expect(unquotedText('kql', `T | where a == "x\\" or ${CANARY} or \\""`)).not.toContain(CANARY);
    expect(unquotedText('splunk', `a="x" OR ${CANARY}`)).toContain(CANARY);
    expect(unquotedText('sumo', `a matches /x${CANARY}/ and b = '${CANARY}'`)).not.toContain(CANARY);
  });
});

test(
  `campaign: ${MINUTES} minute(s), every figure 0`,
  async () => {
    const report = await runCampaign({ ms: MINUTES * 60_000, seed: SEED, ...(INPUTS !== undefined ? { inputs: INPUTS } : {}), log: (l) => console.log(l) });
    const line = summary(report);
    console.log(line);
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, `${JSON.stringify({ summary: line, ...report }, null, 2)}\n`);
    expect(report.findings.map((f) => `${f.kind}: ${f.input}: ${f.detail.slice(0, 300)}`)).toEqual([]);
    expect(report.inputs).toBeGreaterThan(7);
  },
  INPUTS !== undefined ? 3_600_000 : MINUTES * 60_000 + 180_000,
);

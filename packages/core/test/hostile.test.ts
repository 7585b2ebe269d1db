import { describe, expect, it } from 'vitest';
import { decodeSigmaBytes, parseSigma } from '../src/index.js';
import { codes } from './helpers.js';

const RULE = 'title: t\nlogsource:\n    product: p\ndetection:\n    sel:\n        f: x\n    condition: sel\n';

describe('hostile YAML input', () => {
  it('duplicate keys are errors at the second key', () => {
    const r = parseSigma('title: a\ntitle: b\n', 'f.yml');
    expect(codes(r.diagnostics)).toEqual(['yaml/duplicate-key@2:1']);
    expect(r.diagnostics[0]?.message).toContain('line 1, column 1');
    const nested = parseSigma(RULE.replace('        f: x\n', '        f: x\n        f: y\n'), 'f.yml');
    expect(codes(nested.diagnostics)).toEqual(['yaml/duplicate-key@7:9']);
    expect(nested.documents).toEqual([]);
  });

  it('duplicate keys in large maps are found too', () => {
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}: ${i}`);
    keys.push('k3: again');
    const r = parseSigma(keys.join('\n') + '\n', 'f.yml');
    expect(codes(r.diagnostics)).toEqual(['yaml/duplicate-key@31:1']);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('forbidden key %s', (key) => {
    const r = parseSigma(RULE.replace('        f: x\n', `        ${key}: x\n`), 'f.yml');
    expect(codes(r.diagnostics)).toEqual(['yaml/forbidden-key@6:9']);
    expect(r.documents).toEqual([]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('alias bombs hit the alias limit', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const t0 = Date.now();
    const r = parseSigma(lines.join('\n') + '\n', 'bomb.yml');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['yaml/alias-limit']);
    expect(r.diagnostics[0]?.line).toBeGreaterThan(1);
  });

  it('too many aliases', () => {
    const text = 'a: &a x\nb: [' + Array(1200).fill('*a').join(', ') + ']\n';
    expect(parseSigma(text, 'f').diagnostics.map((d) => d.code)).toEqual(['yaml/alias-limit']);
  });

  it('depth limit (collections and conditions)', () => {
    const deep = 'a: ' + '['.repeat(200) + ']'.repeat(200) + '\n';
    expect(codes(parseSigma(deep, 'f').diagnostics)).toEqual(['yaml/depth-limit@1:67']);
  });

  it('expansion budget per document (windash bombs)', () => {
    // 100 values of 3,125 short variants: the variant budget (250,000) runs out before the character budget.
    const values = Array.from({ length: 100 }, () => `            - '-a -b -c -d -e'`).join('\n');
    const t0 = Date.now();
    const r = parseSigma(RULE.replace('        f: x\n', `        f|windash:\n${values}\n`), 'f');
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['detection/too-many-variants']);
  });

  it('expanded characters per value and per document (long windash values)', () => {
    // The fuzz finding (seed 648542): a 15,000-character plain scalar with six flags, within the variant limit
    // (5^6 = 15,625) but 234 million characters: 47 s to convert. Now refused before anything is expanded.
    const long = `            ${'\u00e9'.repeat(15_000)} -a -b -c -d -e -f\n`;
    let t0 = Date.now();
    let r = parseSigma(RULE.replace('        f: x\n', `        f|contains|windash:\n${long}`), 'f');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['detection/expansion-too-large']);
    // Forty values each under the per-value limit (125 variants x 3,009 characters) but 15 million in all.
    const values = Array.from({ length: 40 }, (_, i) => `            - '${'x'.repeat(3000)} -a${i} -b -c'`).join('\n');
    t0 = Date.now();
    r = parseSigma(RULE.replace('        f: x\n', `        f|windash:\n${values}\n`), 'f');
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['detection/expansion-too-large']);
  });

  it('file size limit', () => {
    const big = 'title: t\ndescription: ' + 'x'.repeat(3 * 1024 * 1024) + '\n';
    expect(codes(parseSigma(big, 'f').diagnostics)).toEqual(['io/too-large@1:1']);
    expect(parseSigma(RULE, 'f', { maxBytes: 10 }).diagnostics.map((d) => d.code)).toEqual(['io/too-large']);
  });

  it('syntax errors carry the YAML position', () => {
    expect(codes(parseSigma('title: t\nlogsource: [a\ndetection: x\n', 'f').diagnostics)).toEqual(['yaml/syntax@2:12']);
    expect(codes(parseSigma('a: b: c\n', 'f').diagnostics)).toEqual(['yaml/syntax@1:5']);
    expect(codes(parseSigma('a: "open\n', 'f').diagnostics)).toEqual(['yaml/syntax@1:4']);
    expect(codes(parseSigma('a: *nope\n', 'f').diagnostics)).toEqual(['yaml/syntax@1:4']);
  });

  it('a syntax error in one document does not lose the others', () => {
    const text = RULE + '---\ntitle: [broken\n---\n' + RULE.replace('title: t', 'title: third');
    const r = parseSigma(text, 'multi.yml');
    expect(codes(r.diagnostics)).toEqual(['yaml/syntax@9:8']);
    expect(r.documents.map((d) => d.title)).toEqual(['t', 'third']);
    expect(r.documents[1]?.loc.line).toBe(11);
  });

  it('syntax error messages name the likely cause', () => {
    const msg = (t: string) => { const d = parseSigma(t, 'f').diagnostics[0]; return `${d?.line}:${d?.column} ${d?.message}`; };
    expect(msg("a: 'open\nb: 1\n")).toBe('1:4 YAML syntax error: unclosed single-quoted string (js-yaml: deficient indentation)');
    expect(msg('a: {b: 1\nc: 2\n')).toBe("1:4 YAML syntax error: unclosed '{' (flow mapping) (js-yaml: deficient indentation)");
    expect(msg('a: @x\n')).toBe("1:4 YAML syntax error: a plain value cannot start with '@' (reserved in YAML); quote the value");
    expect(msg('a: b: c\n')).toBe("1:5 YAML syntax error: bad indentation of a mapping entry (a value containing ': ' must be quoted)");
    expect(msg("a: 'x' y\n")).toBe('1:8 YAML syntax error: bad indentation of a mapping entry');
    expect(msg('a: b\n\tc: d\n')).toBe('2:1 YAML syntax error: tab characters must not be used in indentation');
  });

  it('unsupported tags', () => {
    expect(codes(parseSigma('title: !!binary aGk=\n', 'f').diagnostics)).toEqual(['yaml/unsupported-tag@1:8']);
    expect(codes(parseSigma('title: !custom x\n', 'f').diagnostics)).toEqual(['yaml/unsupported-tag@1:8']);
  });

  it('empty input and non-mapping documents', () => {
    expect(codes(parseSigma('', 'f').diagnostics)).toEqual(['yaml/empty-document@1:1']);
    expect(codes(parseSigma('# nothing\n', 'f').diagnostics)).toEqual(['yaml/empty-document@1:1']);
    expect(codes(parseSigma('- a\n- b\n', 'f').diagnostics)).toEqual(['yaml/not-a-mapping@1:1']);
    expect(codes(parseSigma('---\n---\n', 'f').diagnostics)).toEqual(['yaml/empty-document@1:1']);
    expect(parseSigma(RULE + '---\n', 'f').diagnostics).toEqual([]);
    expect(parseSigma('---\n' + RULE + '---\n\n---\n', 'f').documents).toHaveLength(1);
    expect(codes(parseSigma('just text\n', 'f').diagnostics)).toEqual(['yaml/not-a-mapping@1:1']);
  });

  it('BOM and replacement characters', () => {
    expect(parseSigma('\uFEFF' + RULE, 'f').diagnostics).toEqual([]);
    expect(codes(parseSigma(RULE.replace('x', 'x\uFFFD'), 'f').diagnostics)).toEqual(['io/not-utf8@6:13']);
    const bad = decodeSigmaBytes(new Uint8Array([0x61, 0x3a, 0x0a, 0x62, 0xff, 0x0a]), 'f');
    expect(bad.text).toBeUndefined();
    expect(codes(bad.diagnostics)).toEqual(['io/not-utf8@2:2']); // 0xff is the second byte of line 2, after 'b'
    expect(codes(decodeSigmaBytes(new Uint8Array([0xff, 0xfe, 0x61, 0]), 'f').diagnostics)).toEqual(['io/not-utf8@1:1']);
    expect(decodeSigmaBytes(new TextEncoder().encode('\uFEFFa: é'), 'f').text).toBe('a: é');
  });

  it('non-string input does not throw', () => {
    expect(parseSigma(undefined as unknown as string, 'f').diagnostics.map((d) => d.code)).toEqual(['io/read-failed']);
  });
});

import { describe, expect, it } from 'vitest';
import { LineIndex, parseSigma } from '../src/index.js';
import { buildYamlTrees } from '../src/yaml/build-tree.js';
import type { YNode, YScalar } from '../src/yaml/nodes.js';

/** Every scalar of a YAML text with its decoded text and line:column (start) and end line:column. */
function scalars(text: string, fast = true): string[] {
  const index = new LineIndex(text, 't.yml');
  const { documents, diagnostics } = buildYamlTrees(index, { fast });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const out: string[] = [];
  const walk = (n: YNode) => {
    if (n.kind === 'scalar') {
      const s = index.position(n.start);
      const e = index.position(n.end);
      out.push(`${JSON.stringify(n.text)}@${s.line}:${s.column}-${e.line}:${e.column}`);
    } else if (n.kind === 'seq') n.items.forEach(walk);
    else
      for (const en of n.entries) {
        walk(en.key);
        walk(en.value);
      }
  };
  for (const d of documents) if (d.root) walk(d.root);
  return out;
}

describe('YAML node positions are exact', () => {
  const table: { name: string; text: string; expected: string[] }[] = [
    { name: 'block mapping', text: 'a: b\nkey: value\n', expected: ['"a"@1:1-1:2', '"b"@1:4-1:5', '"key"@2:1-2:4', '"value"@2:6-2:11'] },
    { name: 'nested block', text: 'a:\n    b:\n        - x\n        - y\n', expected: ['"a"@1:1-1:2', '"b"@2:5-2:6', '"x"@3:11-3:12', '"y"@4:11-4:12'] },
    { name: 'flow sequence and mapping', text: 'a: [x, "y", {k: v}]\n', expected: ['"a"@1:1-1:2', '"x"@1:5-1:6', '"y"@1:8-1:11', '"k"@1:14-1:15', '"v"@1:17-1:18'] },
    { name: 'single-quoted (span includes quotes)', text: "a: 'it''s'\n", expected: ['"a"@1:1-1:2', '"it\'s"@1:4-1:11'] },
    { name: 'double-quoted with escapes', text: 'a: "x\\ty\\u00e9"\n', expected: ['"a"@1:1-1:2', '"x\\ty\u00e9"@1:4-1:16'] },
    { name: 'literal block scalar (span = content, indentation excluded)', text: 'a: |\n  line1\n  line2\nb: c\n', expected: ['"a"@1:1-1:2', '"line1\\nline2\\n"@2:3-3:8', '"b"@4:1-4:2', '"c"@4:4-4:5'] },
    { name: 'folded block scalar', text: 'a: >-\n    folded\n    text\nb: 1\n', expected: ['"a"@1:1-1:2', '"folded text"@2:5-3:9', '"b"@4:1-4:2', '"1"@4:4-4:5'] },
    { name: 'multi-line plain scalar', text: 'a: one\n  two\nb: c\n', expected: ['"a"@1:1-1:2', '"one two"@1:4-2:6', '"b"@3:1-3:2', '"c"@3:4-3:5'] },
    { name: 'multi-document', text: 'a: 1\n---\nb: 2\n...\n---\nc: 3\n', expected: ['"a"@1:1-1:2', '"1"@1:4-1:5', '"b"@3:1-3:2', '"2"@3:4-3:5', '"c"@6:1-6:2', '"3"@6:4-6:5'] },
    { name: 'CRLF line ends', text: 'a: b\r\nc: d\r\n', expected: ['"a"@1:1-1:2', '"b"@1:4-1:5', '"c"@2:1-2:2', '"d"@2:4-2:5'] },
    { name: 'lone CR line ends', text: 'a: b\rc: d\r', expected: ['"a"@1:1-1:2', '"b"@1:4-1:5', '"c"@2:1-2:2', '"d"@2:4-2:5'] },
    { name: 'tab before a value (one column)', text: 'a:\tb\n', expected: ['"a"@1:1-1:2', '"b"@1:4-1:5'] },
    { name: 'unicode before the node (UTF-16 columns)', text: 'é: ü\n"日本": x\n"😀": y\n', expected: ['"é"@1:1-1:2', '"ü"@1:4-1:5', '"日本"@2:1-2:5', '"x"@2:7-2:8', '"😀"@3:1-3:5', '"y"@3:7-3:8'] },
    { name: 'byte-order mark is not a column', text: '\uFEFFa: b\n', expected: ['"a"@1:1-1:2', '"b"@1:4-1:5'] },
    { name: 'comments and anchors', text: '# c\na: &x v # c\nb: *x\n', expected: ['"a"@2:1-2:2', '"v"@2:7-2:8', '"b"@3:1-3:2', '"v"@2:7-2:8'] },
  ];
  it.each(table)('$name', ({ text, expected }) => {
    expect(scalars(text)).toEqual(expected);
    // Same positions through js-yaml's event path (the fast path only takes simple texts).
    expect(scalars(text, false)).toEqual(expected);
  });

  it('LineIndex maps offsets both ways', () => {
    const idx = new LineIndex('ab\ncd\r\nef', 'f');
    expect([0, 2, 3, 5, 7, 8, 9].map((o) => idx.position(o))).toEqual([
      { line: 1, column: 1 }, { line: 1, column: 3 }, { line: 2, column: 1 }, { line: 2, column: 3 }, { line: 3, column: 1 }, { line: 3, column: 2 }, { line: 3, column: 3 },
    ]);
    expect(idx.offsetOf(2, 2)).toBe(4);
    expect(idx.lineCount).toBe(3);
  });
});

describe('YAML typing', () => {
  function value(v: string) {
    const index = new LineIndex(`a: ${v}\n`, 't');
    const r = buildYamlTrees(index);
    const root = r.documents[0]?.root;
    const node = root?.kind === 'map' ? (root.entries[0]?.value as YScalar) : undefined;
    return { value: node?.value, warnings: r.diagnostics.map((d) => d.code) };
  }
  const table: { src: string; value: unknown; warn: boolean }[] = [
    { src: '42', value: 42, warn: false },
    { src: '-1.5', value: -1.5, warn: false },
    { src: 'true', value: true, warn: false },
    { src: '~', value: null, warn: false },
    { src: 'null', value: null, warn: false },
    { src: "'42'", value: '42', warn: false },
    { src: '2024-01-05', value: '2024-01-05', warn: false },
    { src: 'y', value: 'y', warn: false },
    // YAML 1.1 (pySigma) reads these differently: the text is kept, with a warning.
    { src: 'yes', value: 'yes', warn: true },
    { src: 'off', value: 'off', warn: true },
    { src: '22:00', value: '22:00', warn: true },
    { src: '0777', value: '0777', warn: true },
    { src: '00000429', value: '00000429', warn: true },
    { src: '1e3', value: '1e3', warn: true },
    { src: '0o17', value: '0o17', warn: true },
    { src: '0x10', value: 16, warn: false },
    { src: '!!str 12', value: '12', warn: false },
    { src: '!!int "12"', value: 12, warn: false },
  ];
  it.each(table)('$src', ({ src, value: expected, warn }) => {
    const r = value(src);
    expect(r.value).toEqual(expected);
    expect(r.warnings).toEqual(warn ? ['yaml/yaml11-difference'] : []);
  });
  it('yamlVersion 1.1 follows pySigma', () => {
    const r = parseSigma('title: t\nlogsource: {product: p}\ndetection: {sel: {a: yes, b: 22:00, c: 0777}, condition: sel}\n', 'f', { yamlVersion: '1.1' });
    const items = r.documents[0]?.kind === 'rule' ? r.documents[0].detections[0]?.body.items : [];
    expect(items?.map((i) => (i.kind === 'item' ? i.values[0] : undefined)).map((v) => (v && 'value' in v ? v.value : v))).toEqual([true, 1320, 511]);
    expect(r.diagnostics).toEqual([]);
  });
  it('a %YAML 1.1 directive selects YAML 1.1', () => {
    const index = new LineIndex('%YAML 1.1\n---\na: yes\n', 't');
    const root = buildYamlTrees(index).documents[0]?.root;
    expect(root?.kind === 'map' ? (root.entries[0]?.value as YScalar).value : undefined).toBe(true);
  });
});

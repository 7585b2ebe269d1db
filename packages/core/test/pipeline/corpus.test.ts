// Pipelines over the whole SigmaHQ corpus: nothing throws, conditions stay consistent, placeholders resolve.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConditionNode } from '../../src/ir/index.js';
import type { SigmaRule } from '../../src/ir/index.js';
import { parseSigma } from '../../src/index.js';
import { applyPipelines, parsePipeline } from '../../src/pipeline/index.js';
import { placeholderDiagnostics } from '../../src/pipeline/placeholders.js';
import { HAVE_SIGMAHQ, NEEDS_SIGMAHQ, SIGMAHQ } from '../shared-data.js';

function ymlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...ymlFiles(p));
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

function loadRules(sub: string): SigmaRule[] {
  const rules: SigmaRule[] = [];
  for (const f of ymlFiles(join(SIGMAHQ, sub))) {
    for (const d of parseSigma(readFileSync(f, 'utf8'), f).documents) if (d.kind === 'rule') rules.push(d);
  }
  return rules;
}

const PIPELINE = `
name: corpus
vars:
  Administrators: ['Admin*', 'root']
transformations:
  - id: hashes
    type: hashes_fields
    valid_hash_algos: [MD5, SHA1, SHA256, SHA512, IMPHASH]
    field_prefix: File
  - id: map
    type: field_name_mapping
    mapping:
      Image: [process.executable, process.name]
      CommandLine: process.command_line
      ParentImage: process.parent.executable
      ~: message
    rule_conditions:
      - type: logsource
        product: windows
  - id: drop_eventid
    type: drop_detection_item
    field_name_conditions:
      - type: include_fields
        fields: [EventID]
  - id: index
    type: add_condition
    conditions:
      index: 'win-$category'
    template: true
    rule_conditions:
      - type: logsource
        product: windows
  - type: value_placeholders
    include: [Administrators]
  - type: wildcard_placeholders
`;

/** Every identifier and selector match names an existing detection. */
function referencesOk(node: ConditionNode, names: ReadonlySet<string>): boolean {
  switch (node.kind) {
    case 'identifier':
      return names.has(node.name);
    case 'selector':
      return node.matches.length > 0 && node.matches.every((m) => names.has(m));
    case 'not':
      return referencesOk(node.operand, names);
    case 'and':
    case 'or':
      return node.operands.length > 0 && node.operands.every((o) => referencesOk(o, names));
  }
}

describe.skipIf(!HAVE_SIGMAHQ)(`pipelines over the SigmaHQ corpus ${NEEDS_SIGMAHQ}`, () => {
  const pipeline = parsePipeline(PIPELINE, 'corpus.yml').pipeline!;

  it('apply to every rule without internal errors, keeping conditions consistent', () => {
    const rules = loadRules('rules');
    expect(rules.length).toBeGreaterThan(2500);
    let mapped = 0;
    for (const r of rules) {
      const res = applyPipelines(r, [pipeline], { backend: 'test' });
      expect(res.diagnostics.filter((d) => d.message.startsWith('internal error'))).toEqual([]);
      const names = new Set(res.document.detections.map((d) => d.name));
      const dropFailures = res.diagnostics.filter((d) => d.code === 'pipeline/rule-failure');
      if (dropFailures.length === 0) for (const c of res.document.conditions) expect(referencesOk(c.root, names), `${r.id} ${c.text}`).toBe(true);
      if (res.applied.includes('map')) mapped++;
      expect(placeholderDiagnostics(res.document)).toEqual([]);
    }
    expect(mapped).toBeGreaterThan(1000);
  });

  it('resolves every placeholder rule', () => {
    const rules = loadRules('rules-placeholder');
    expect(rules.length).toBeGreaterThan(5);
    for (const r of rules) {
      expect(placeholderDiagnostics(r).length, r.title).toBeGreaterThan(0);
      const res = applyPipelines(r, [pipeline], { backend: 'test' });
      expect(placeholderDiagnostics(res.document)).toEqual([]);
    }
  });
});

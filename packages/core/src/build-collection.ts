import type { SigmaCollection } from './collection.js';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import type { Condition, ConditionNode } from './ir/condition.js';
import type { Detection } from './ir/detection.js';
import { documentKey, type CorrelationRule, type FilterRule, type Logsource, type SigmaDocument, type SigmaRule } from './ir/rule.js';
import { ruleWith } from './ir/rule-shape.js';
import type { ParseOptions } from './parse/options.js';
import { parseSigma } from './parse/parse-sigma.js';

export interface ParsedSource {
  readonly documents: readonly SigmaDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A contains B when every attribute A specifies equals B's (exact, case-sensitive). */
export function logsourceContains(a: Logsource, b: Logsource): boolean {
  for (const k of ['category', 'product', 'service'] as const) {
    if (a[k] !== undefined && a[k] !== b[k]) return false;
  }
  return true;
}

/** Prefix for the identifiers a filter adds to a rule: deterministic, so conversion stays a pure function. */
export function filterPrefix(filterIndex: number): string {
  return `_filt_${filterIndex}_`;
}

function renameCondition(node: ConditionNode, prefix: string): ConditionNode {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { ...node, operands: node.operands.map((o) => renameCondition(o, prefix)) };
    case 'not':
      return { ...node, operand: renameCondition(node.operand, prefix) };
    case 'identifier':
      return { ...node, name: prefix + node.name };
    case 'selector':
      return {
        ...node,
        pattern: node.pattern === 'them' ? prefix + '*' : prefix + node.pattern,
        matches: node.matches.map((m) => prefix + m),
      };
  }
}

function renameText(text: string, prefix: string): string {
  return text.replace(/[^\s()]+/g, (w) =>
    ['and', 'or', 'not', 'of', 'all', 'any', '1'].includes(w) ? w : w === 'them' ? `${prefix}*` : prefix + w,
  );
}

/** pySigma semantics: the filter condition is AND-ed to each rule condition: `(C) and (F)`. */
export function applyFilter(rule: SigmaRule, filter: FilterRule, filterIndex: number): SigmaRule {
  const taken = new Set(rule.detections.map((d) => d.name));
  let prefix = filterPrefix(filterIndex);
  while (filter.detections.some((d) => taken.has(prefix + d.name))) prefix = '_' + prefix;
  const added: Detection[] = filter.detections.map((d) => ({ ...d, name: prefix + d.name }));
  const froot = renameCondition(filter.condition.root, prefix);
  const ftext = renameText(filter.condition.text, prefix);
  const conditions: Condition[] = rule.conditions.map((c) => ({
    kind: 'condition',
    text: `(${c.text}) and (${ftext})`,
    root: { kind: 'and', operands: [c.root, froot], loc: c.loc },
    loc: c.loc,
  }));
  return ruleWith(rule, { detections: [...rule.detections, ...added], conditions });
}

/**
 * Resolves correlation and filter references (by id or name), detects reference cycles, applies filters and merges
 * diagnostics. Unresolvable correlations and filters are left out, with a located error at the reference.
 */
export function buildCollection(parsed: readonly ParsedSource[]): SigmaCollection {
  const diagnostics: Diagnostic[] = [];
  for (const p of parsed) diagnostics.push(...p.diagnostics);
  const rules: SigmaRule[] = [];
  const correlations: CorrelationRule[] = [];
  const filters: FilterRule[] = [];
  for (const p of parsed) {
    for (const d of p.documents) {
      if (d.kind === 'rule') rules.push(d);
      else if (d.kind === 'correlation') correlations.push(d);
      else filters.push(d);
    }
  }

  const byRef = new Map<string, SigmaRule | CorrelationRule>();
  const register = (doc: SigmaRule | CorrelationRule) => {
    if (doc.id !== undefined) {
      const prev = byRef.get(doc.id);
      if (prev && prev !== doc) {
        diagnostics.push(
          diagnostic('collection/duplicate-id', `id ${doc.id} is also used by '${prev.title}' (${prev.loc.file}:${prev.loc.line}); references resolve to the last one`, doc.fieldLocs.id ?? doc.loc, {
            severity: 'warning',
            rule: documentKey(doc),
          }),
        );
      }
      byRef.set(doc.id, doc);
    }
    if (doc.name !== undefined) {
      const prev = byRef.get(doc.name);
      if (prev && prev !== doc) {
        diagnostics.push(
          diagnostic('collection/duplicate-name', `name '${doc.name}' is also used by '${prev.title}' (${prev.loc.file}:${prev.loc.line}); references resolve to the last one`, doc.fieldLocs.name ?? doc.loc, {
            severity: 'warning',
            rule: documentKey(doc),
          }),
        );
      }
      byRef.set(doc.name, doc);
    }
  };
  for (const r of rules) register(r);
  for (const c of correlations) register(c);

  // Correlations: every reference must resolve; cycles among correlations are errors.
  const broken = new Set<CorrelationRule>();
  for (const c of correlations) {
    for (const ref of c.rules) {
      if (!byRef.has(ref.ref)) {
        diagnostics.push(
          diagnostic('correlation/unresolved-reference', `correlation references '${ref.ref}', but no loaded rule or correlation has that id or name`, ref.loc, {
            rule: documentKey(c),
            hint: 'load the referenced rule together with the correlation (same file or same run); a rule with errors is not loaded',
          }),
        );
        broken.add(c);
      }
    }
  }
  // Aliases map a rule name (or id) to its field: each must name one of the correlated rules.
  for (const c of correlations) {
    const targets = new Set(c.rules.map((r) => byRef.get(r.ref)).filter((t) => t !== undefined));
    for (const a of c.aliases) {
      for (const ruleRef of Object.keys(a.fields)) {
        const t = byRef.get(ruleRef);
        if (!t || !targets.has(t)) {
          diagnostics.push(
            diagnostic('correlation/invalid-alias', `alias '${a.name}' maps rule '${ruleRef}', which is not one of the correlated rules (${c.rules.map((r) => r.ref).join(', ')})`, a.loc, {
              rule: documentKey(c),
            }),
          );
          broken.add(c);
        }
      }
    }
  }
  const state = new Map<CorrelationRule, 'visiting' | 'done'>();
  const visit = (c: CorrelationRule, path: CorrelationRule[]): void => {
    const s = state.get(c);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = path.slice(path.indexOf(c));
      for (const member of cycle) broken.add(member);
      diagnostics.push(
        diagnostic('correlation/cycle', `correlation reference cycle: ${[...cycle, c].map(documentKey).join(' → ')}`, c.loc, { rule: documentKey(c) }),
      );
      return;
    }
    state.set(c, 'visiting');
    for (const ref of c.rules) {
      const t = byRef.get(ref.ref);
      if (t && t.kind === 'correlation') visit(t, [...path, c]);
    }
    state.set(c, 'done');
  };
  for (const c of correlations) visit(c, []);
  // A correlation over a broken correlation is broken too.
  let changed = true;
  while (changed) {
    changed = false;
    for (const c of correlations) {
      if (broken.has(c)) continue;
      if (c.rules.some((r) => {
        const t = byRef.get(r.ref);
        return t !== undefined && t.kind === 'correlation' && broken.has(t);
      })) {
        broken.add(c);
        changed = true;
      }
    }
  }
  for (const c of broken) {
    if (c.id !== undefined && byRef.get(c.id) === c) byRef.delete(c.id);
    if (c.name !== undefined && byRef.get(c.name) === c) byRef.delete(c.name);
  }

  // Filters: references must resolve to detection rules.
  const usableFilters: { filter: FilterRule; index: number; targets: Set<SigmaRule> | 'any' }[] = [];
  filters.forEach((f, index) => {
    if (f.rules === 'any') {
      usableFilters.push({ filter: f, index, targets: 'any' });
      return;
    }
    const targets = new Set<SigmaRule>();
    let ok = true;
    for (const ref of f.rules) {
      const t = byRef.get(ref.ref);
      if (!t || t.kind !== 'rule') {
        diagnostics.push(
          diagnostic('filter/unresolved-reference', t ? `filter references '${ref.ref}', which is a correlation; filters apply to detection rules` : `filter references '${ref.ref}', but no loaded rule has that id or name`, ref.loc, {
            rule: documentKey(f),
          }),
        );
        ok = false;
      } else targets.add(t);
    }
    if (ok) usableFilters.push({ filter: f, index, targets });
  });

  const filtered = rules.map((rule) => {
    let r = rule;
    for (const { filter, index, targets } of usableFilters) {
      if (!logsourceContains(filter.logsource, rule.logsource)) continue;
      if (targets !== 'any' && !targets.has(rule)) continue;
      r = applyFilter(r, filter, index);
    }
    return r;
  });
  // References keep pointing at the filtered rules.
  const replaced = new Map<SigmaRule, SigmaRule>();
  rules.forEach((r, i) => replaced.set(r, filtered[i] as SigmaRule));
  for (const [k, v] of byRef) if (v.kind === 'rule') byRef.set(k, replaced.get(v) ?? v);

  return {
    rules: filtered,
    correlations: correlations.filter((c) => !broken.has(c)),
    filters: usableFilters.map((u) => u.filter),
    byRef,
    diagnostics,
  };
}

/** parseSigma on each source, then buildCollection. */
export function loadCollection(sources: readonly { text: string; file: string }[], options?: ParseOptions): SigmaCollection {
  return buildCollection(sources.map((s) => parseSigma(s.text, s.file, options)));
}

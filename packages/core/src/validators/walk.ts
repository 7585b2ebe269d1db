import type { ConditionNode } from '../ir/condition.js';
import type { DetectionElement, DetectionItem } from '../ir/detection.js';
import type { SigmaDocument, SigmaRule } from '../ir/rule.js';
import type { DetectionValue, ScalarValue } from '../ir/values.js';
import type { SourceLocation } from '../location.js';

/** Every detection item of a rule, in written order. */
/** Each rule's items, walked once: several validators ask for them (a walk each cost 27 ms of `check` over the corpus). */
const itemsOf = new WeakMap<SigmaRule, readonly DetectionItem[]>();

export function detectionItems(rule: SigmaRule): readonly DetectionItem[] {
  const known = itemsOf.get(rule);
  if (known) return known;
  const out: DetectionItem[] = [];
  for (let i = 0; i < rule.detections.length; i++) addItems(rule.detections[i]!.body, out);
  itemsOf.set(rule, out);
  return out;
}

// Indexed loops and no closure: `check` is a one-shot run, and before the JIT warms up for-of and closures cost.
function addItems(e: DetectionElement, out: DetectionItem[]): void {
  if (e.kind === 'item') out.push(e);
  else for (let i = 0; i < e.items.length; i++) addItems(e.items[i]!, out);
}

/** The scalar values of an item, expansions (windash, base64offset) flattened. */
export function scalarValues(values: readonly DetectionValue[]): readonly ScalarValue[] {
  // Most items have no expansion: their values are returned as they are (the validators call this for every item,
  // and copying every list cost 50 ms of `check` over the corpus).
  let expanded = false;
  for (let i = 0; i < values.length; i++) if (values[i]!.kind === 'expansion') expanded = true;
  if (!expanded) return values as readonly ScalarValue[];
  const out: ScalarValue[] = [];
  for (const v of values) {
    if (v.kind === 'expansion') out.push(...v.values);
    else out.push(v);
  }
  return out;
}

/** Detection names a condition refers to (identifiers and what selectors resolved to). */
export function referencedDetections(node: ConditionNode, out: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case 'identifier':
      out.add(node.name);
      break;
    case 'selector':
      for (let i = 0; i < node.matches.length; i++) out.add(node.matches[i]!);
      break;
    case 'not':
      referencedDetections(node.operand, out);
      break;
    default:
      for (let i = 0; i < node.operands.length; i++) referencedDetections(node.operands[i]!, out);
  }
  return out;
}

/** Where a top-level key's value is, else where the document starts. */
export function fieldLoc(doc: SigmaDocument, key: string): SourceLocation {
  return doc.fieldLocs[key] ?? doc.loc;
}

/** The file's base name (`/` or `\` separated). */
export function baseName(file: string): string {
  // What follows the last separator (the last part of a split on either), without a regular expression and array.
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** Python's str.islower(): at least one cased character, and no upper- or title-case one. */
export function pyIsLower(word: string): boolean {
  return LOWER.test(word) && !UPPER_OR_TITLE.test(word);
}
// Made once: the build lowers a `\p{…}` literal to `new RegExp(…)`, which would make a RegExp object at every call.
const LOWER = /\p{Ll}/u;
const UPPER_OR_TITLE = /[\p{Lu}\p{Lt}]/u;

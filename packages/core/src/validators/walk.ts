import type { ConditionNode } from '../ir/condition.js';
import type { DetectionElement, DetectionItem } from '../ir/detection.js';
import type { SigmaDocument, SigmaRule } from '../ir/rule.js';
import type { DetectionValue, ScalarValue, StringValue } from '../ir/values.js';
import type { SourceLocation } from '../location.js';

/** Every detection item of a rule, in written order. */
export function detectionItems(rule: SigmaRule): DetectionItem[] {
  const out: DetectionItem[] = [];
  const visit = (e: DetectionElement): void => {
    if (e.kind === 'item') out.push(e);
    else e.items.forEach(visit);
  };
  for (const d of rule.detections) visit(d.body);
  return out;
}

/** The scalar values of an item, expansions (windash, base64offset) flattened. */
export function scalarValues(values: readonly DetectionValue[]): ScalarValue[] {
  return values.flatMap((v) => (v.kind === 'expansion' ? v.values : [v]));
}

export function stringValues(item: DetectionItem): StringValue[] {
  return scalarValues(item.values).filter((v): v is StringValue => v.kind === 'string');
}

/** Detection names a condition refers to (identifiers and what selectors resolved to). */
export function referencedDetections(node: ConditionNode, out: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case 'identifier':
      out.add(node.name);
      break;
    case 'selector':
      node.matches.forEach((m) => out.add(m));
      break;
    case 'not':
      referencedDetections(node.operand, out);
      break;
    default:
      node.operands.forEach((o) => referencedDetections(o, out));
  }
  return out;
}

/** Where a top-level key's value is, else where the document starts. */
export function fieldLoc(doc: SigmaDocument, key: string): SourceLocation {
  return doc.fieldLocs[key] ?? doc.loc;
}

/** The file's base name (`/` or `\` separated). */
export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] ?? file;
}

/** Python's str.islower(): at least one cased character, and no upper- or title-case one. */
export function pyIsLower(word: string): boolean {
  return /\p{Ll}/u.test(word) && !/[\p{Lu}\p{Lt}]/u.test(word);
}

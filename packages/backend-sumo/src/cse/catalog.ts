import { CSE_INPUT_OUTPUTS, CSE_KEYED_INPUTS, CSE_KEYED_OUTPUTS, CSE_KEYED_ROUTES_TEXT, CSE_PATTERN_HEADS } from '../generated/cse-conversion.js';
import { CSE_FIELD_TYPES_TEXT, CSE_RAW_COMPANION } from '../generated/cse-schema.js';
import type { CseRoute, CseRouteHead } from './catalog-types.js';

/**
 * Lookups over the generated catalog tables as conversion reads them (src/generated/cse-conversion.ts, the part of
 * CSE_ROUTES conversion needs; `@sigmats/backend-sumo/catalog` has every route and the mapping file of each). A
 * mapping applies to a message when its input vendor/product/log format match and its event id pattern matches the
 * parser's event id (`metadata_deviceEventId`, "determines which mapping will be used": schema/normalized_schema_build.json);
 * the `_default_` mapping of a vendor/product takes the rest.
 *
 * Assumption (not stated by the catalog): a pattern must match the whole event id. With a partial match the Sysmon 1
 * pattern `Microsoft-Windows-Sysmon/Operational-1` would also take events 10–19, which have their own mappings.
 */

/** The keyed routes (Windows event logs, Sysmon for Linux) as CseRoute tuples, decoded from their generated text. */
export const CSE_KEYED_ROUTES: readonly CseRoute[] = CSE_KEYED_ROUTES_TEXT.split('\n').map((line) => {
  const [head, ...copies] = line.split('\t') as [string, ...string[]];
  const a = head.indexOf(',');
  const b = head.indexOf(',', a + 1);
  return [
    [...CSE_KEYED_INPUTS[Number(head.slice(0, a))]!, head.slice(b + 1)],
    CSE_KEYED_OUTPUTS[Number(head.slice(a + 1, b))]!,
    copies.map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as const),
  ];
});

export type { CseMapping, CseRoute } from './catalog-types.js';

function compile(pattern: string): RegExp | undefined {
  // Java's inline (?i) is not JavaScript syntax at the start of a pattern: turn it into the i flag.
  const ci = pattern.startsWith('(?i)');
  try {
    return new RegExp(`^(?:${ci ? pattern.slice(4) : pattern})$`, ci ? 'i' : '');
  } catch {
    return undefined;
  }
}

/** A pattern with no regex syntax (no (?i) either): it matches exactly its own text. */
const LITERAL = /^[^\\^$.|?*+()[\]{}]*$/;

/** Matches an event id: string equality for literal patterns (most Windows ones), else the compiled regex. */
type Matcher = (deviceEventId: string) => boolean;

const compiled = new Map<string, Matcher | undefined>();
function patternOf(m: CseRouteHead): Matcher | undefined {
  const p = m[0][3];
  let matcher = compiled.get(p);
  if (matcher === undefined && !compiled.has(p)) {
    // Compiling a regex for each literal pattern tried before a match showed as its own line in a profile of the
    // corpus conversion (`^(?:Microsoft-Windows-Sysmon\/Operational-2)$`, 7 ms).
    const literal = LITERAL.test(p);
    const re = literal ? undefined : compile(p);
    matcher = literal ? (id) => id === p : re && ((id) => re.test(id));
    compiled.set(p, matcher);
  }
  return matcher;
}

const isInput = (m: CseRouteHead, vendor: string, product: string, logFormat?: string): boolean =>
  m[0][0] === vendor && m[0][1] === product && (logFormat === undefined || m[0][2] === logFormat);

/**
 * Answers by table, input and event id: conversion asks the same few (Sysmon 1, Security 4688, …) for thousands of
 * rules, and each answer tried up to 193 Windows patterns (35 ms of `convert -t all` over the corpus in a profile).
 */
const answers = new WeakMap<readonly CseRouteHead[], Map<string, CseRouteHead | undefined>>();

/** The route among `routes` CSE applies to an event id of an input: the one whose pattern matches, else `_default_`. */
export function mappingIn<R extends CseRouteHead>(routes: readonly R[], vendor: string, product: string, logFormat: string, deviceEventId: string): R | undefined {
  let known = answers.get(routes);
  if (!known) answers.set(routes, (known = new Map()));
  const key = `${vendor}\u0000${product}\u0000${logFormat}\u0000${deviceEventId}`;
  if (known.has(key)) return known.get(key) as R | undefined;
  const candidates = routes.filter((m) => isInput(m, vendor, product, logFormat));
  const specific = candidates.find((m) => m[0][3] !== '_default_' && patternOf(m)?.(deviceEventId));
  const answer = specific ?? candidates.find((m) => m[0][3] === '_default_');
  // Bounded: event ids come from rules, so a run over many distinct ones could grow this without end.
  if (known.size >= 4096) known.clear();
  known.set(key, answer);
  return answer;
}

/**
 * The mapping CSE applies to an event id of an input whose copied keys conversion reads (Windows event logs, Sysmon
 * for Linux), with those keys. Asking for another input is a bug: the conversion table does not carry its keys.
 */
export function keyedMappingFor(vendor: string, product: string, logFormat: string, deviceEventId: string): CseRoute | undefined {
  if (!CSE_KEYED_INPUTS.some(([v, p, f]) => v === vendor && p === product && f === logFormat)) {
    throw new Error(`conversion reads no copied keys of the Cloud SIEM input ${vendor}/${product}/${logFormat}`);
  }
  return mappingIn(CSE_KEYED_ROUTES, vendor, product, logFormat, deviceEventId);
}

/** Routes of a keyed input (Windows event logs, Sysmon for Linux), in catalog order. */
export function keyedRoutesOf(vendor: string, product: string, logFormat: string): readonly CseRoute[] {
  return CSE_KEYED_ROUTES.filter((m) => isInput(m, vendor, product, logFormat));
}

/** Whether an event id of a pattern-tested input (a Zeek log) has a mapping of its own, not the `_default_` one. */
export function hasOwnMapping(vendor: string, product: string, logFormat: string, deviceEventId: string): boolean {
  const own = mappingIn(CSE_PATTERN_HEADS, vendor, product, logFormat, deviceEventId);
  return own !== undefined && own[0][3] !== '_default_';
}

/** The schema field a mapping copies an original record key into (direct copies only: not lookups, splits, statics). */
export function schemaFieldOf(m: CseRoute, key: string): string | undefined {
  let fields = schemaFields.get(m);
  if (!fields) {
    fields = new Map();
    // The first row that copies a key is the one a scan finds.
    for (const [field, k] of m[2]) if (!fields.has(k)) fields.set(k, field);
    schemaFields.set(m, fields);
  }
  return fields.get(key);
}

/**
 * Per route, original key -> schema field: every field of every rule is looked up in its event type's mapping (up to
 * a hundred rows each), and the hash fields once per event type and rule.
 */
const schemaFields = new WeakMap<CseRoute, Map<string, string>>();

/** Schema type of every field the kept mappings write, decoded from its generated text. */
export const CSE_FIELD_TYPES: ReadonlyMap<string, string> = new Map(
  CSE_FIELD_TYPES_TEXT.split(',').map((c) => (c.includes(':') ? (c.split(':') as [string, string]) : [c, 'string'])),
);

/** Schema type of a field (`string` when the schema does not type it). */
export function fieldType(field: string): string {
  return CSE_FIELD_TYPES.get(field) ?? 'string';
}

/** The `<field>_raw` attribute holding a normalized field's original value, if the schema has one. */
export function rawCompanion(field: string): string | undefined {
  return CSE_RAW_COMPANION[field];
}

/** Distinct (metadata_vendor, metadata_product) pairs, each at its first place. */
function distinct(pairs: Iterable<readonly [string, string]>): readonly (readonly [string, string])[] {
  const seen = new Map<string, readonly [string, string]>();
  for (const [v, p] of pairs) if (!seen.has(`${v}\u0000${p}`)) seen.set(`${v}\u0000${p}`, [v, p]);
  return [...seen.values()];
}

/** Distinct record outputs (metadata_vendor, metadata_product) of the given routes, in table order. */
export function outputsOf(routes: readonly CseRouteHead[]): readonly (readonly [string, string])[] {
  return distinct(routes.map((m) => [m[1][0], m[1][1]] as const));
}

/**
 * Distinct record outputs of the routes of the given inputs ([vendor, product], or with the log format), input by
 * input, each in table order: the records Cloud SIEM makes of those inputs' messages.
 */
export function recordOutputs(inputs: readonly (readonly [vendor: string, product: string, logFormat?: string])[]): readonly (readonly [string, string])[] {
  return distinct(
    inputs.flatMap(([vendor, product, logFormat]) =>
      CSE_INPUT_OUTPUTS.filter(([v, p, f]) => v === vendor && p === product && (logFormat === undefined || f === logFormat)).map(([, , , ov, op]) => [ov, op] as const),
    ),
  );
}

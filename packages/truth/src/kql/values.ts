import type { KqlType } from '../types.js';

/**
 * Runtime values. The static type of every expression is known when it is compiled, so values carry no tag:
 * string and guid are JS strings, int/long/real/decimal numbers, bool booleans, datetime Date, timespan a number of
 * milliseconds (fractions allowed: Kusto ticks are 100 ns), dynamic a plain JSON value. `null` is the null of any type
 * but string (a Kusto string is never null: it is "").
 */
export type Value = unknown;

export const isNumericType = (t: KqlType): boolean => t === 'int' || t === 'long' || t === 'real' || t === 'decimal';

/** ISO 8601 and the other `datetime(...)` forms we meet: `2015-12-31`, `2015-12-31 23:59:59.9`, `...T...Z`. */
export function parseDateTimeLiteral(raw: string): number | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(raw.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  let ms = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s) + (frac ? Number(('0.' + frac)) * 1000 : 0);
  if (zone && zone.toUpperCase() !== 'Z') {
    const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const off = (+zm[2]! * 60 + +zm[3]!) * 60_000;
    ms -= zm[1] === '+' ? off : -off;
  }
  const check = new Date(ms);
  if (Number.isNaN(check.getTime())) return undefined;
  return ms;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  d: 86_400_000, day: 86_400_000, days: 86_400_000, h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000,
  hours: 3_600_000, m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000, s: 1000, sec: 1000, second: 1000,
  seconds: 1000, ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1, microsecond: 0.001,
  microseconds: 0.001, tick: 0.0001, ticks: 0.0001,
};

/** `1h`, `1.5d`, `00:05:00`, `1.02:03:04.5`: a timespan body, in milliseconds. */
export function parseTimespanText(raw: string): number | undefined {
  const t = raw.trim();
  const unit = /^(-?\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(t);
  if (unit) {
    const f = UNIT_MS[unit[2]!.toLowerCase()];
    return f === undefined ? undefined : Number(unit[1]) * f;
  }
  const clock = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(t);
  if (clock) {
    const [, neg, d = '0', h, mi, s = '0', frac = ''] = clock;
    const ms = ((+d * 24 + +h!) * 60 + +mi!) * 60_000 + +s * 1000 + (frac ? Number('0.' + frac) * 1000 : 0);
    return neg ? -ms : ms;
  }
  if (/^-?\d+$/.test(t)) return Number(t) * 86_400_000;
  return undefined;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Kusto's text for a datetime: ISO 8601 in UTC, seven fraction digits when there is a fraction. */
export function formatDateTime(d: Date): string {
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  return ms === 0 ? base + 'Z' : `${base}.${pad(ms, 3)}0000Z`;
}

/** Kusto's text for a timespan: [-][d.]hh:mm:ss[.fffffff]. */
export function formatTimespan(ms: number): string {
  const neg = ms < 0;
  let rest = Math.abs(ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const ticks = Math.round((rest - s * 1000) * 10_000);
  return `${neg ? '-' : ''}${days ? days + '.' : ''}${pad(h)}:${pad(m)}:${pad(s)}${ticks ? '.' + pad(ticks, 7) : ''}`;
}

/** Kusto's text for a real: shortest round-trip form, integers without a fraction. */
export function formatReal(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return String(n);
}

/** tostring() of a value of static type `type`: documented as "" for null. */
export function toKqlString(v: Value, type: KqlType): string {
  if (v === null || v === undefined) return '';
  switch (type) {
    case 'string':
    case 'guid':
      return v as string;
    case 'int':
    case 'long':
    case 'decimal':
      return String(v);
    case 'real':
      return formatReal(v as number);
    case 'bool':
      return v ? 'true' : 'false';
    case 'datetime':
      return formatDateTime(v as Date);
    case 'timespan':
      return formatTimespan(v as number);
    case 'dynamic':
      return dynamicToString(v);
  }
}

/** tostring() of a dynamic value: a string is itself, null "", a number or bool its text, arrays and bags JSON. */
export function dynamicToString(v: Value): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatReal(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return formatDateTime(v);
  return JSON.stringify(v);
}

/** A value stored in a dynamic (make_set, bag_pack, …): Dates become their ISO text, like Kusto's JSON. */
export function toDynamic(v: Value, type: KqlType): Value {
  if (v === null || v === undefined) return null;
  if (type === 'datetime') return formatDateTime(v as Date);
  if (type === 'timespan') return formatTimespan(v as number);
  return v;
}

/** Deep equality of dynamic values (JSON semantics). */
export function jsonEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A key for grouping and distinct: equal values (by their static type) give equal keys. */
export function valueKey(v: Value, type: KqlType): string {
  if (v === null || v === undefined) return type === 'string' ? 's:' : 'null';
  if (type === 'datetime') return 'd:' + (v as Date).getTime();
  if (type === 'dynamic') return 'j:' + JSON.stringify(v);
  return typeof v + ':' + String(v);
}

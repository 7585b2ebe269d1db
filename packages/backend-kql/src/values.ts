// Values whose format differs between Sysmon (what Sigma rules are written against) and the table a query reads:
// registry data, hexadecimal vs decimal numbers, GUID braces. Each conversion cites the generated fact it rests on.
import { diagnostic, normalizeParts, stringShape } from '@sigmats/core';
import type { StringValue, ValuePart } from '@sigmats/core';
import { fail, ok, type Result } from '@sigmats/text-query';
import type { Column, KqlTarget } from './columns.js';
import { conversionRows } from './knowledge.js';
import { kqlString, kqlValue } from './literals.js';

/** Defender's RegistryValueType name → ASIM's, from the RegistryType lookup of Microsoft's ASIM Defender parser. */
const VALUE_TYPES = new Map(conversionRows('registry-value-type').map((c) => [c[1], c[2]]));

function typeName(defender: 'Dword' | 'QWord' | 'Binary', asim: boolean): string {
  if (!asim) return defender;
  const t = VALUE_TYPES.get(defender);
  if (!t) throw new Error(`generated registry value types lack ${defender}`);
  return t;
}

/** Sysmon's Details text of a REG_DWORD / REG_QWORD value → its type and the decimal number. */
export function registryNumber(text: string): { type: 'Dword' | 'QWord'; value: string } | undefined {
  const d = /^DWORD \(0x([0-9a-fA-F]{8})\)$/.exec(text);
  if (d) return { type: 'Dword', value: BigInt(`0x${d[1]}`).toString() };
  const q = /^QWORD \(0x([0-9a-fA-F]{8})-0x([0-9a-fA-F]{8})\)$/.exec(text);
  if (q) return { type: 'QWord', value: ((BigInt(`0x${q[1]}`) << 32n) | BigInt(`0x${q[2]}`)).toString() };
  return undefined;
}

/**
 * A test of a registry-data column. Sysmon writes 'DWORD (0x00000001)', '(Empty)' and 'Binary Data'; Defender
 * keeps the number with the type in RegistryValueType (assumptions defender-registry-dword-decimal and
 * defender-registry-empty). Undefined: the value is plain data, tested as it is.
 */
export function registryDataTest(col: Column, value: StringValue, target: KqlTarget, plain: () => Result<string>): Result<string> | undefined {
  const reg = target.schema?.registryData;
  if (!reg || reg.data !== col.name) return undefined;
  const s = stringShape(value.parts);
  if (s.shape === 'any' || s.shape === 'pattern') {
    return /(DWORD|QWORD) \(0x/i.test(literalText(value.parts)) ? refuse(value) : undefined;
  }
  const asim = reg.forms.includes('text');
  const number = registryNumber(s.text);
  let platform: string | undefined;
  // Whether the value's own text can also be string data: 'DWORD…' as a prefix is Sysmon's number text or any
  // REG_SZ starting with those letters, which Defender keeps as it is.
  let alsoText = reg.forms.includes('text');
  if (number) {
    // The whole Sysmon text of one number, whatever the shape: only DWORD/QWORD values render like that.
    platform = `(${reg.type} =~ ${kqlString(typeName(number.type, asim))} and ${reg.data} == ${kqlString(number.value)})`;
  } else if (/^(DWORD|QWORD)$/i.test(s.text) && (s.shape === 'prefix' || s.shape === 'contains')) {
    platform = `${reg.type} =~ ${kqlString(typeName(s.text.toUpperCase() === 'DWORD' ? 'Dword' : 'QWord', asim))}`;
    alsoText = true;
  } else if (s.shape === 'exact' && s.text === '(Empty)') {
    platform = `isempty(${reg.data})`;
  } else if (s.shape === 'exact' && s.text === 'Binary Data') {
    platform = `${reg.type} =~ ${kqlString(typeName('Binary', asim))}`;
  } else if (s.shape === 'contains' && /^0x[0-9a-fA-F]{8}$/.test(s.text)) {
    // One 32-bit half as Sysmon prints it: a DWORD of that value, either half of a QWORD, or text holding it.
    const n = BigInt(s.text).toString();
    const q = `tolong(${reg.data})`;
    platform =
      `((${reg.type} =~ ${kqlString(typeName('Dword', asim))} and ${reg.data} == ${kqlString(n)})` +
      // The halves of a non-negative 64-bit number: remainder and quotient by 2^32.
      ` or (${reg.type} =~ ${kqlString(typeName('QWord', asim))} and (${q} % 4294967296 == ${n} or ${q} / 4294967296 == ${n}))` +
      ` or ${reg.data} contains ${kqlString(s.text)})`;
  } else if (s.shape !== 'exact' && /(DWORD|QWORD) \(0x[0-9a-fA-F]{0,8}$|^[0-9a-fA-F]{0,8}\)$|^0x[0-9a-fA-F]{1,8}/.test(s.text)) {
    // A piece of Sysmon's number text ('DWORD (0x0000…'): the number's digits are not in Defender's data.
    return refuse(value);
  } else return undefined;
  if (!alsoText) return ok(platform);
  const text = plain();
  return text.ok ? ok(`(${text.value} or ${platform})`) : text;
}

function literalText(parts: readonly ValuePart[]): string {
  return parts.map((p) => (p.kind === 'literal' ? p.text : ' ')).join('');
}

function refuse(value: StringValue): Result<string> {
  return fail(
    diagnostic(
      'backend/unsupported-value',
      "Defender stores REG_DWORD/REG_QWORD data as the number (type in RegistryValueType), not Sysmon's 'DWORD (0x…)' text: only whole values can be converted",
      value.loc,
    ),
  );
}

/** '0x3e7' → '999' (a numeric column holds the number; assumption defender-logon-id-decimal), else undefined. */
export function hexToDecimal(text: string): string | undefined {
  return /^0x[0-9a-fA-F]{1,16}$/.test(text) ? BigInt(text).toString() : undefined;
}

/** '999' → '0x3e7' for columns holding hexadecimal text (assumption securityevent-process-id-hex). */
export function decimalToHex(text: string): string | undefined {
  return /^\d{1,20}$/.test(text) ? `0x${BigInt(text).toString(16)}` : undefined;
}

/** Whether a string column holds numbers as hexadecimal text and the rule's values are Sysmon's decimal numbers. */
export function isHexText(col: Column, target: KqlTarget): boolean {
  return (target.sysmonShaped ?? false) && (target.schema?.hexText?.includes(col.name) ?? false);
}

/** A hexadecimal-text column compared with a decimal number: case-insensitive, Windows writes lower case. */
export function hexTextTest(col: Column, decimal: string): string | undefined {
  const hex = decimalToHex(decimal);
  return hex === undefined ? undefined : `${col.ref} =~ ${kqlString(hex)}`;
}

/** GUID values lose their braces on columns that store GUIDs without them (Microsoft's ASIM Sysmon parsers). */
export function withoutBraces(value: StringValue, col: Column, target: KqlTarget): StringValue {
  if (!target.schema?.guidNoBraces?.includes(col.name)) return value;
  const parts = normalizeParts(value.parts).map((p) => ({ ...p }));
  const first = parts[0];
  const last = parts[parts.length - 1];
  let changed = false;
  if (first?.kind === 'literal' && first.text.startsWith('{')) {
    parts[0] = { kind: 'literal', text: first.text.slice(1) };
    changed = true;
  }
  const end = parts[parts.length - 1];
  if (last && end?.kind === 'literal' && end.text.endsWith('}')) {
    parts[parts.length - 1] = { kind: 'literal', text: end.text.slice(0, -1) };
    changed = true;
  }
  return changed ? { ...value, parts: parts.filter((p) => p.kind !== 'literal' || p.text !== '') } : value;
}

export { kqlValue };

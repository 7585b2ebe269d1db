// Format audit: literals compared with columns whose stored format differs from Sysmon's (what rules are written
// against). Each rule names the class of wrong query it catches; a finding is a query that parses, types, and
// still never matches (or matches the wrong rows) on real data.
import type { KqlComparison } from '../../src/validate.js';
import { tableSchema } from '../../src/index.js';
import { REGISTRY_EVENT_TYPES } from '../../src/knowledge.js';

const SYSMON_REGISTRY_TYPES = new Set(Object.keys(REGISTRY_EVENT_TYPES));
const REGISTRY_KEYS = new Set(['RegistryKey', 'PreviousRegistryKey']);

/** Findings for one query's comparisons (`table`: the query's first line). */
export function formatFindings(table: string, comparisons: readonly KqlComparison[]): string[] {
  const schema = tableSchema(table);
  const out: string[] = [];
  for (const c of comparisons) {
    for (const col of c.columns) {
      for (const lit of c.literals) {
        const bad = (what: string): void => void out.push(`${what}: ${col.name} ${c.operator} "${lit}"`);
        if (schema?.guidNoBraces?.includes(col.name) && /^\{|\}$/.test(lit)) bad('GUID braces the column does not store');
        if (schema?.hexText?.includes(col.name) && /^\d+$/.test(lit)) bad('decimal number on a hexadecimal-text column');
        // Not where the left side reads the domain column too: that is the joined DOMAIN\user text.
        const domain = schema?.domainSplit?.[col.name];
        if (domain && lit.includes('\\') && !c.columns.some((d) => d.name === domain)) bad('DOMAIN\\user on an account-name column');
        if (col.name === 'MandatoryLabel' && !/^S-1-16-\d+$/.test(lit)) bad('integrity level name on MandatoryLabel (SIDs)');
        const reg = schema?.registryData;
        if (reg?.data === col.name && !reg.forms.includes('text') && /^(DWORD|QWORD) \(0x|^\(Empty\)$|^Binary Data$/.test(lit)) bad("Sysmon's registry data text on Defender's column");
        if (REGISTRY_KEYS.has(col.name) && /^HK(LM|U|CU|CR)\\/i.test(lit)) bad('abbreviated hive on a registry key column');
        if ((col.name === 'ActionType' || (col.name === 'EventType' && table === 'imRegistry')) && SYSMON_REGISTRY_TYPES.has(lit)) bad("Sysmon's registry EventType value");
        if (col.name === 'ActionType' && /^(true|false)$/i.test(lit)) bad("Sysmon's Initiated value on ActionType");
      }
    }
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { convert, processRule, whereOf } from './helpers.js';

interface Row {
  readonly name: string;
  /** Detection block (selection + condition), Sigma YAML. */
  readonly detection: string;
  /** Everything after the table line. */
  readonly kql: string;
}

const rows = (t: readonly Row[]) => t.map((r) => [r.name, r] as const);

describe('string matching (XDR, DeviceProcessEvents)', () => {
  const table: readonly Row[] = [
    {
      name: 'equality is case-insensitive =~',
      detection: `sel:\n    CommandLine: 'whoami /all'\ncondition: sel`,
      kql: '| where ProcessCommandLine =~ "whoami /all"',
    },
    {
      name: 'contains / startswith / endswith',
      detection: `sel:\n    CommandLine|contains: 'a'\n    ParentCommandLine|startswith: 'b'\n    OriginalFileName|endswith: '.dll'\ncondition: sel`,
      kql: '| where ProcessCommandLine contains "a" and InitiatingProcessCommandLine startswith "b" and ProcessVersionInfoOriginalFileName endswith ".dll"',
    },
    {
      name: '|cased gives == and the _cs operators',
      detection: `sel:\n    CommandLine|cased: 'A'\n    ParentCommandLine|contains|cased: 'B'\n    OriginalFileName|startswith|cased: 'C'\n    Company|endswith|cased: 'D'\ncondition: sel`,
      kql: '| where ProcessCommandLine == "A" and InitiatingProcessCommandLine contains_cs "B" and ProcessVersionInfoOriginalFileName startswith_cs "C" and ProcessVersionInfoCompanyName endswith_cs "D"',
    },
    {
      name: 'value list → in~',
      detection: `sel:\n    OriginalFileName:\n        - 'a.exe'\n        - 'b.exe'\ncondition: sel`,
      kql: '| where ProcessVersionInfoOriginalFileName in~ ("a.exe", "b.exe")',
    },
    {
      name: 'cased value list → in',
      detection: `sel:\n    OriginalFileName|cased:\n        - 'a.exe'\n        - 'B.exe'\ncondition: sel`,
      kql: '| where ProcessVersionInfoOriginalFileName in ("a.exe", "B.exe")',
    },
    {
      name: 'backslashes: verbatim literal',
      detection: `sel:\n    CommandLine|contains: 'C:\\Windows\\Temp\\'\ncondition: sel`,
      kql: '| where ProcessCommandLine contains @"C:\\Windows\\Temp\\"',
    },
    {
      name: 'quotes in a plain literal are escaped',
      detection: `sel:\n    CommandLine|contains: 'say "hi"'\ncondition: sel`,
      kql: '| where ProcessCommandLine contains "say \\"hi\\""',
    },
    {
      name: 'quote and backslash: verbatim doubles the quote',
      detection: `sel:\n    CommandLine|contains: '"C:\\x"'\ncondition: sel`,
      kql: '| where ProcessCommandLine contains @"""C:\\x"""',
    },
    {
      name: 'inner * → anchored case-insensitive regex',
      detection: `sel:\n    CommandLine: 'a*b'\ncondition: sel`,
      kql: '| where ProcessCommandLine matches regex @"(?is)^a.*b$"',
    },
    {
      name: '? is exactly one character',
      detection: `sel:\n    CommandLine|endswith: 'x?.exe'\ncondition: sel`,
      kql: '| where ProcessCommandLine matches regex @"(?is)^.*x.\\.exe$"',
    },
    {
      name: 'cased pattern drops (?i)',
      detection: `sel:\n    CommandLine|cased: 'a*b'\ncondition: sel`,
      kql: '| where ProcessCommandLine matches regex @"(?s)^a.*b$"',
    },
    {
      name: 'escaped wildcards stay literal',
      detection: `sel:\n    CommandLine|contains: 'what\\?'\ncondition: sel`,
      kql: '| where ProcessCommandLine contains "what?"',
    },
    {
      name: 'lone * → isnotempty',
      detection: `sel:\n    CommandLine: '*'\ncondition: sel`,
      kql: '| where isnotempty(ProcessCommandLine)',
    },
    {
      name: 'empty string',
      detection: `sel:\n    CommandLine: ''\ncondition: sel`,
      kql: '| where ProcessCommandLine =~ ""',
    },
    {
      name: 'windash expansion is an OR of contains (UTF-8 dashes)',
      detection: `sel:\n    CommandLine|windash|contains: '-enc'\ncondition: sel`,
      kql: '| where ProcessCommandLine contains "-enc" or ProcessCommandLine contains "/enc" or ProcessCommandLine contains "–enc" or ProcessCommandLine contains "—enc" or ProcessCommandLine contains "―enc"',
    },
    {
      name: '|all → AND of contains (never has_all)',
      detection: `sel:\n    CommandLine|contains|all:\n        - 'a'\n        - 'b'\ncondition: sel`,
      kql: '| where ProcessCommandLine contains "a" and ProcessCommandLine contains "b"',
    },
    {
      name: 'base64offset|contains → OR of variants',
      detection: `sel:\n    CommandLine|base64offset|contains: 'http'\ncondition: sel`,
      kql: '| where ProcessCommandLine contains "aHR0c" or ProcessCommandLine contains "h0dH" or ProcessCommandLine contains "odHRw"',
    },
  ];
  it.each(rows(table))('%s', (_, r) => {
    expect(whereOf(convert(processRule(r.detection)))).toBe(r.kql);
  });
});

describe('regular expressions', () => {
  const table: readonly Row[] = [
    {
      name: '|re is unanchored and case-sensitive',
      detection: `sel:\n    CommandLine|re: '\\\\temp\\\\.*\\.exe'\ncondition: sel`,
      kql: '| where ProcessCommandLine matches regex @"\\\\temp\\\\.*\\.exe"',
    },
    {
      name: '|re|i|m|s flags',
      detection: `sel:\n    CommandLine|re|i|m|s: '^a.b$'\ncondition: sel`,
      kql: '| where ProcessCommandLine matches regex @"(?ims)^a.b$"',
    },
    {
      name: 'a quote in a regex doubles in the verbatim literal',
      detection: `sel:\n    CommandLine|re: '"[a-z]+"'\ncondition: sel`,
      kql: '| where ProcessCommandLine matches regex @"""[a-z]+"""',
    },
    {
      name: 'lookahead is not RE2: located error',
      detection: `sel:\n    CommandLine|re: 'a(?=b)'\ncondition: sel`,
      kql: "ERROR backend/unsupported-value: regular expression uses lookaround, which Kusto's RE2 engine does not support",
    },
    {
      name: 'backreference is not RE2',
      detection: `sel:\n    CommandLine|re: '(a)\\1'\ncondition: sel`,
      kql: "ERROR backend/unsupported-value: regular expression uses backreferences, which Kusto's RE2 engine does not support",
    },
  ];
  it.each(rows(table))('%s', (_, r) => {
    expect(whereOf(convert(processRule(r.detection)))).toBe(r.kql);
  });
});

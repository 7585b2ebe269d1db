import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCollection } from '@sigmats/core';
import { describe, expect, test } from 'vitest';
import { sumoCse, validateCseExpression } from '../src/index.js';

function load(rule: string) {
  const file = resolve(import.meta.dirname, '../../../rules', rule);
  return loadCollection([{ text: readFileSync(file, 'utf8'), file }]);
}

const T1219 = 't1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml';
const WINRM = 't1021.006_winrm/proc_creation_win_winrm_remote_execution.yml';
const RAT =
  'teamviewer|teamviewer_service|anydesk|anydesk_service|screenconnect|connectwisecontrol|logmein|lmi_rescue|logmeinrescue|ammyyadmin|aa_v3|supremo|supremoservice|rustdesk|splashtop|ateraagent|ninjaone|ninjaremote|simplehelp|dwrcs|dwrcst|tmate|tvnserver|vncviewer|uvnc_service|winvnc|chrome_remote_desktop|remote_assistance_host';

describe('the rules in rules/ as CSE expressions', () => {
  test.each([
    // Image only: Sysmon 1 (EventData.Image) and Security 4688 (EventData.NewProcessName) both map it to baseImage;
    // Sysmon 3, 5, 7, 10–15, … also fill baseImage, and are left out by the event id scope.
    [
      T1219,
      "metadata_vendor = 'Microsoft' and metadata_product = 'Windows'" +
        " and (metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1' or metadata_deviceEventId = 'Security-4688')" +
        ` and (baseImage matches /(?is)^.*\\x5c(?:${RAT})\\.exe$/)`,
    ],
    [
      // OriginalFileName exists in Sysmon 1 only: 4688 is not in the scope.
      WINRM,
      "metadata_vendor = 'Microsoft' and metadata_product = 'Windows'" +
        " and metadata_deviceEventId = 'Microsoft-Windows-Sysmon/Operational-1'" +
        ' and ((parentBaseImage matches /(?is)^.*\\x5cwsmprovhost\\.exe$/ and !(baseImage matches /(?is)^.*\\x5c(?:conhost|WerFault|csc)\\.exe$/))' +
        " or ((baseImage matches /(?is)^.*\\x5c(?:powershell|pwsh)\\.exe$/ or fields['EventData.OriginalFileName'] matches /(?i)^(?:PowerShell\\.EXE|pwsh\\.dll)$/)" +
        ' and commandLine matches /(?is)^.*(?:Invoke-Command|Enter-PSSession|New-PSSession|Enable-PSRemoting|wsman:\\/\\/|WSMan|-ComputerName|\\/ComputerName|–ComputerName|—ComputerName|―ComputerName).*$/)' +
        ' or baseImage matches /(?is)^.*\\x5cwinrs\\.exe$/)',
    ],
  ])('%s', (rule, expected) => {
    const r = sumoCse.convert(load(rule));
    // The rules' enrichments are not computed by Cloud SIEM: one warning each (conformance/test/enrichments.test.ts).
    expect(r.diagnostics.filter((d) => d.code !== 'enrichment/dropped')).toEqual([]);
    expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(r.rules[0]!.queries).toEqual([expected]);
    expect(validateCseExpression(expected)).toEqual([]);
  });
});

describe('cse-rule format', () => {
  test('match rule JSON: entity selectors, severity from level, MITRE tags, prototype from status', () => {
    const r = sumoCse.convert(load(T1219), { format: 'cse-rule' });
    expect(r.diagnostics.filter((d) => d.code !== 'enrichment/dropped')).toEqual([]);
    const rule = JSON.parse(r.rules[0]!.output) as Record<string, unknown>;
    expect(rule).toEqual({
      rule_type: 'match',
      name: 'Remote Access Tool Execution',
      description_expression:
        'Detects the execution of a commercial or open-source remote access tool (RAT/RMM) such as\n' +
        'TeamViewer, AnyDesk, ScreenConnect, RustDesk, Splashtop, VNC servers or Chrome Remote Desktop.\n' +
        'Adversaries install or run these legitimate tools to keep interactive command and control of a host.\n' +
        'Sigma rule 07b00a6e-0b58-484a-a163-5d5481be0dc4',
      enabled: true,
      expression: r.rules[0]!.queries[0],
      entity_selectors: [
        { entity_type: '_hostname', expression: 'device_hostname' },
        { entity_type: '_username', expression: 'user_username' },
        { entity_type: '_process', expression: 'baseImage' },
      ],
      is_prototype: true,
      name_expression: 'Remote Access Tool Execution',
      summary_expression: 'Remote Access Tool Execution on {{device_hostname}}',
      score_mapping: { type: 'constant', default: 3, field: null, mapping: [] },
      severity_mapping: { type: 'constant', default: 3 },
      stream: 'record',
      tags: ['_mitreAttackTactic:TA0011', '_mitreAttackTechnique:T1219'],
    });
  });

  test('WinRM: high → 6, lateral movement tactic and sub-technique', () => {
    const rule = JSON.parse(sumoCse.convert(load(WINRM), { format: 'cse-rule' }).rules[0]!.output) as Record<string, unknown>;
    expect(rule['score_mapping']).toEqual({ type: 'constant', default: 6, field: null, mapping: [] });
    expect(rule['tags']).toEqual(['_mitreAttackTactic:TA0008', '_mitreAttackTechnique:T1021.006']);
  });

  test('a collection is {"rules": […]}', () => {
    const both = loadCollection(
      [T1219, WINRM].map((rule) => {
        const file = resolve(import.meta.dirname, '../../../rules', rule);
        return { text: readFileSync(file, 'utf8'), file };
      }),
    );
    const out = JSON.parse(sumoCse.convert(both, { format: 'cse-rule' }).output) as { rules: { name: string }[] };
    expect(out.rules.map((r) => r.name)).toEqual(['Remote Access Tool Execution', 'Windows Remote Management Lateral Movement']);
  });
});

import { formatDiagnostic, loadCollection } from '@sigmats/core';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { splunkBackend } from '../src/index.js';
import { pipeline } from './helpers/convert.js';

/**
 * The repository's rules/ with every built-in pipeline and every format. Expected outputs live in
 * test/fixtures/rules/<rule>/<pipeline>.<format>.txt: the exact collection output, or, when the conversion
 * must fail, the exact diagnostics.
 */
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/rules/', import.meta.url));
const RULES = [
  't1021.006_winrm/proc_creation_win_winrm_remote_execution.yml',
  't1219_remote_access_tools/proc_creation_win_remote_access_tool_execution.yml',
];
const PIPELINES = ['none', 'sysmon', 'windows-security', 'cim', 'splunk-windows'];
const FORMATS = ['default', 'savedsearches', 'data_model'];

export function render(file: string, pipe: string, format: string): string {
  const collection = loadCollection([{ text: readFileSync(REPO + 'rules/' + file, 'utf8'), file: 'rules/' + file }]);
  const r = splunkBackend.convert(collection, { format, pipelines: pipe === 'none' ? [] : [pipeline(pipe)] });
  for (const rule of r.rules) for (const q of rule.queries) expect(splunkBackend.validate(q), q).toEqual([]);
  const diags = r.diagnostics.map(formatDiagnostic);
  return r.rules.length > 0 ? r.output + (diags.length ? '\n' + diags.join('\n') : '') : diags.join('\n');
}

describe.each(RULES)('%s', (file) => {
  const name = file.split('/')[1]!.replace(/\.yml$/, '');
  test.each(PIPELINES.flatMap((p) => FORMATS.map((f) => [p, f] as const)))('pipeline %s, format %s', (pipe, format) => {
    const fixture = `${FIXTURES}${name}/${pipe}.${format}.txt`;
    expect(existsSync(fixture), `missing fixture ${fixture}`).toBe(true);
    expect(render(file, pipe, format) + '\n').toBe(readFileSync(fixture, 'utf8'));
  });
});

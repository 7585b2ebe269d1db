/** JUnit XML (the surefire dialect CI servers read) for `sigmats check --junit`. */

export interface JUnitFailure {
  readonly message: string;
  /** Full text: the located diagnostics, one per line. */
  readonly text: string;
  readonly type: string;
}

export interface JUnitCase {
  readonly name: string;
  readonly classname: string;
  readonly file?: string;
  readonly line?: number;
  readonly failures: readonly JUnitFailure[];
  /** Warnings and notes: shown by CI, not failures. */
  readonly systemOut?: string;
  readonly time?: number;
}

export interface JUnitSuite {
  readonly name: string;
  readonly cases: readonly JUnitCase[];
  readonly time?: number;
  readonly timestamp?: string;
}

// XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF even as character references.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

const attr = (name: string, value: string | number): string => ` ${name}="${escapeXml(String(value))}"`;
const seconds = (t: number | undefined): string => (t ?? 0).toFixed(3);

export function renderJUnit(suites: readonly JUnitSuite[]): string {
  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = suites.reduce((n, s) => n + s.cases.filter((c) => c.failures.length > 0).length, 0);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attr('name', 'sigmats')}${attr('tests', total)}${attr('failures', failures)}${attr('errors', 0)}>`];
  for (const s of suites) {
    const failed = s.cases.filter((c) => c.failures.length > 0).length;
    lines.push(
      `  <testsuite${attr('name', s.name)}${attr('tests', s.cases.length)}${attr('failures', failed)}${attr('errors', 0)}${attr('skipped', 0)}${attr('time', seconds(s.time))}${s.timestamp ? attr('timestamp', s.timestamp) : ''}>`,
    );
    for (const c of s.cases) {
      const open = `    <testcase${attr('name', c.name)}${attr('classname', c.classname)}${c.file ? attr('file', c.file) : ''}${c.line ? attr('line', c.line) : ''}${attr('time', seconds(c.time))}`;
      if (c.failures.length === 0 && !c.systemOut) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      for (const f of c.failures) {
        lines.push(`      <failure${attr('message', f.message)}${attr('type', f.type)}>${escapeXml(f.text)}</failure>`);
      }
      if (c.systemOut) lines.push(`      <system-out>${escapeXml(c.systemOut)}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

// Every regex of SigmaHQ's rules (`|re` values, as written and with the inline flags the Sumo backends put in
// front for |i |m |s) and of the built-in pipelines gets the same verdict and message as re2js, and the accepted
// ones the same first match on their own text and a few probes.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RE2JS, RE2Set } from 're2js';
import { describe, expect, it } from 'vitest';
import { Re2, re2SyntaxError } from '../../src/regex/index.js';
import { loadAll } from 'js-yaml';
import { HAVE_SIGMAHQ, NEEDS_SIGMAHQ, SIGMAHQ } from '../shared-data.js';

const FOLDERS = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-dfir', 'rules-placeholder'];

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** The `|re` values of the corpus, with their flag modifiers. */
function corpusRegexes(): { source: string; flags: string }[] {
  const found: { source: string; flags: string }[] = [];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        const mods = k.split('|').slice(1);
        if (mods.includes('re')) {
          const flags = mods.filter((m) => m === 'i' || m === 'm' || m === 's').join('');
          for (const s of [v].flat()) if (typeof s === 'string') found.push({ source: s, flags });
        } else visit(v);
      }
    }
  };
  for (const folder of FOLDERS) {
    const dir = join(SIGMAHQ, folder);
    if (!existsSync(dir)) continue;
    for (const file of yamlFiles(dir)) {
      try {
        for (const doc of loadAll(readFileSync(file, 'utf8'))) visit((doc as { detection?: unknown } | null)?.detection);
      } catch {
        // A file js-yaml cannot read has no regex to check.
      }
    }
  }
  return found;
}

function oracle(p: string): string | undefined {
  try {
    new RE2Set().add(p);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

function sameMatches(p: string, texts: string[]): void {
  const o = RE2JS.compile(p);
  const own = new Re2(p);
  for (const t of texts) {
    const m = o.matcher(t);
    const want: number[] = [];
    if (m.find()) for (let g = 0; g <= m.groupCount(); g++) want.push(m.start(g), m.end(g));
    expect(Array.from(own.exec(t) ?? []), `${p} on ${t}`).toEqual(want);
  }
}

describe('SigmaHQ and built-in pipeline regexes', () => {
  it.skipIf(!HAVE_SIGMAHQ)(`same verdict and matches as re2js for every |re value of the corpus ${NEEDS_SIGMAHQ}`, () => {
    const regexes = corpusRegexes();
    expect(regexes.length).toBeGreaterThan(150);
    // SigmaHQ's regexes all compile in RE2; PCRE spellings rule authors use elsewhere must be refused alike.
    const pcre = ['(?=a)b', '(?<!a)b', '(a)\\1', 'a*+', 'a{2}+', '\\Z', '(?>a)', '(?#c)', '\\h'].map((source) => ({ source, flags: '' }));
    let refused = 0;
    for (const { source, flags } of [...regexes, ...pcre]) {
      for (const p of new Set([source, `(?${flags || 'i'})${source}`])) {
        const want = oracle(p);
        expect(re2SyntaxError(p)?.message, p).toBe(want);
        if (want === undefined) sameMatches(p, [source, source.toLowerCase(), 'C:\\Windows\\System32\\cmd.exe /c whoami', '']);
        else refused++;
      }
    }
    expect(refused).toBeGreaterThanOrEqual(pcre.length);
  }, 120_000);

  it('the regexes of the built-in pipelines', () => {
    // packages/backend-kql/src/pipelines/build.ts (`^${short}\b` per table prefix) and
    // packages/backend-splunk/src/pipelines/provider.ts; the pipeline regexes as LinearRegex compiles them.
    for (const p of ['^(.*)$', '^Device\\b', '^(?:^Process\\b)', '^(?:^(.*)$)$', '^(?:(?i)\\\\(system32|syswow64)\\\\([\\w.-]+)\\.exe$)$'])
      expect(re2SyntaxError(p)?.message).toBe(oracle(p));
    sameMatches('^(.*)$', ['abc', 'a\nb', '']);
    sameMatches('^Device\\b', ['DeviceProcessEvents', 'Device Events', 'Devices']);
  });
});

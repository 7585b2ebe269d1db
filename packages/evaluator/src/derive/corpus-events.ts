import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readEvents } from '../read-events.js';
import { flattenWindowsEvent } from '../windows-event.js';

/** A recorded or hand-made event with the rule it was made for. */
export interface CorpusEvent {
  readonly ruleId: string;
  /**
   * Flat raw event (regression_data: flattened with `flattenWindowsEvent`, which keeps the recorded event under
   * `Event`: the platform-truth records read from it where Windows put the data, e.g. the UserData element).
   */
  readonly event: Readonly<Record<string, unknown>>;
  /**
   * true/false: the source says this event does / does not match the rule. undefined: regression_data only
   * says that `match_count` of its file's events match, and the file holds more events than that.
   */
  readonly expectMatch: boolean | undefined;
  /** Provenance: the file the event was read from (`#n`: index of the event in it). */
  readonly file: string;
}

function walk(dir: string, accept: (name: string) => boolean, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, accept, out);
    else if (accept(e.name)) out.push(p);
  }
  return out;
}

/**
 * SigmaHQ regression_data: each test folder's info.yml names the rule, the recording and how many of its
 * events match (`match_count`, default 1). Events are flattened as `flattenWindowsEvent` writes them, the recorded
 * event kept under `Event`: the truth differential's records read its UserData element there (a flat event does not
 * say whether `Operation` was EventData's or UserData Operation_ClientFailure's, and the platforms keep the two apart).
 * When the file holds exactly match_count events, each is expected to match; otherwise which ones match
 * is not said (expectMatch undefined). Missing directory: no events.
 */
export function regressionEvents(sigmahqDir: string): CorpusEvent[] {
  const root = join(sigmahqDir, 'regression_data');
  if (!existsSync(root)) return [];
  const out: CorpusEvent[] = [];
  for (const info of walk(root, (n) => n === 'info.yml')) {
    const text = readFileSync(info, 'utf8');
    const ruleId = /rule_metadata:\s*\n\s*-\s*id:\s*['"]?([0-9a-fA-F-]{36})/.exec(text)?.[1]?.toLowerCase();
    const count = /^\s*match_count:\s*(\d+)/m.exec(text)?.[1];
    const path = /^\s*path:\s*(\S+\.evtx)/m.exec(text)?.[1];
    if (!ruleId || !path) continue;
    const json = join(dirname(info), basename(path).replace(/\.evtx$/, '.json'));
    if (!existsSync(json)) continue;
    const { events } = readEvents(readFileSync(json, 'utf8'), json);
    const all = (count === undefined ? 1 : Number(count)) === events.length;
    events.forEach((e, i) => {
      const flat = { ...flattenWindowsEvent(e) };
      out.push({ ruleId, event: flat, expectMatch: all ? true : undefined, file: `${json}#${i}` });
    });
  }
  return out;
}

/**
 * Our fixtures (`<rules>/**\/fixtures/*.json`, the files `sigmats test` reads): single-event fixtures with
 * their expected verdict. Stream fixtures (`events`: a verdict for a whole time-ordered sequence, for
 * correlations) are left out: no verdict belongs to one of their events.
 */
export function fixtureEvents(rulesDir: string): CorpusEvent[] {
  if (!existsSync(rulesDir) || !statSync(rulesDir).isDirectory()) return [];
  const out: CorpusEvent[] = [];
  for (const file of walk(rulesDir, (n) => n.endsWith('.json'))) {
    if (basename(dirname(file)) !== 'fixtures') continue;
    let fx: unknown;
    try {
      fx = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    if (typeof fx !== 'object' || fx === null) continue;
    const { rule, expect, event } = fx as { rule?: unknown; expect?: unknown; event?: unknown };
    if (typeof rule !== 'string' || (expect !== 'match' && expect !== 'no-match')) continue;
    if (typeof event !== 'object' || event === null || Array.isArray(event)) continue;
    out.push({ ruleId: rule, event: event as Record<string, unknown>, expectMatch: expect === 'match', file });
  }
  return out;
}

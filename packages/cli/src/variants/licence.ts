import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import type { DocumentMeta } from '@sigmats/core';
import type { RuleLicence } from './model.js';

/**
 * The Detection Rule License 1.1, under which SigmaHQ publishes its rules. It asks whoever shares the rules to keep
 * the authors, a link to the rule and the licence, and whoever runs them on data to keep the authors in match
 * messages (https://github.com/SigmaHQ/Detection-Rule-License).
 */
export const DRL_URL = 'https://github.com/SigmaHQ/Detection-Rule-License';

function drl(author: string | undefined): RuleLicence {
  return {
    name: 'Detection Rule License (DRL) 1.1',
    url: DRL_URL,
    notice: `${author ? `Rule by ${author}. ` : ''}This rule is licensed under the Detection Rule License (DRL) 1.1 (${DRL_URL}).`,
  };
}

const LICENCE_FILES = ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'LICENSE.Detection.Rules.md', 'LICENCE'];

/**
 * The licence a rule is under: its own `license` field, else the nearest LICENSE file above the rule file (SigmaHQ's
 * says DRL 1.1). Cached per folder, since a corpus holds thousands of rules in a few hundred folders.
 */
export class LicenceFinder {
  private readonly byDir = new Map<string, 'drl' | string | undefined>();

  /** `file`: the rule file's absolute path. */
  licenceOf(rule: DocumentMeta, file: string): RuleLicence | undefined {
    if (rule.license !== undefined) {
      const text = rule.license.trim();
      if (/drl|detection rule license/i.test(text)) return drl(rule.author);
      return { name: text, notice: `${rule.author ? `Rule by ${rule.author}. ` : ''}Licensed under ${text}.` };
    }
    const found = this.folderLicence(dirname(file));
    if (found === 'drl') return drl(rule.author);
    return undefined;
  }

  private folderLicence(dir: string): 'drl' | string | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    let result: 'drl' | string | undefined;
    const here = LICENCE_FILES.map((f) => join(dir, f)).find((f) => existsSync(f));
    if (here) {
      const text = readFileSync(here, 'utf8').slice(0, 20_000);
      result = /Detection Rule License/i.test(text) ? 'drl' : 'other';
    } else if (dir !== parse(dir).root && dirname(dir) !== dir) {
      result = this.folderLicence(dirname(dir));
    }
    this.byDir.set(dir, result);
    return result;
  }
}

/**
 * The SigmaHQ conventions (pySigma-validators-sigmaHQ, sigma/validators/sigmahq/*.py, commit 02718ec2) about dates,
 * status, level, file names, titles, descriptions, references and false positives. Off by default: they describe
 * SigmaHQ's house style, which a private rule set need not follow (`--sigmahq` or a validator config turns them on).
 * Not carried over: the file-name prefix per log source and the taxonomy/field checks, which need SigmaHQ's data
 * tables.
 */
import type { SigmaDocument } from '../ir/rule.js';
import type { DocumentValidator, ValidatorContext, ValidatorFinding } from './types.js';
import { baseName, fieldLoc, pyIsLower } from './walk.js';

function hq(
  spec: Omit<DocumentValidator, 'kind' | 'check' | 'severity' | 'origin' | 'level'> & { level?: DocumentValidator['level'] },
  check: (doc: SigmaDocument, ctx: ValidatorContext) => ValidatorFinding[],
): DocumentValidator {
  return { kind: 'document', severity: 'warning', origin: 'sigmahq', level: 'medium', ...spec, check: (doc, ctx) => (doc.kind === 'filter' ? [] : check(doc, ctx)) };
}

const one = (cond: boolean, f: () => ValidatorFinding): ValidatorFinding[] => (cond ? [f()] : []);

export const sigmahqDateExistence = hq({ name: 'sigmahq_date_existence', description: 'Rule is missing the date field' }, (doc) =>
  one(doc.date === undefined && doc.fieldLocs.date === undefined, () => ({ message: 'rule has no date', loc: fieldLoc(doc, 'title'), hint: 'add date: YYYY-MM-DD (the day it was written)' })),
);

export const sigmahqModifiedDateOrder = hq({ name: 'sigmahq_modified_date_order', description: 'Rule has a modified field whose value is older than that of the date field' }, (doc) =>
  one(doc.date !== undefined && doc.modified !== undefined && doc.modified < doc.date, () => ({ message: `modified ${doc.modified} is before date ${doc.date}`, loc: fieldLoc(doc, 'modified') })),
);

export const sigmahqModifiedWithoutDate = hq({ name: 'sigmahq_modified_without_date', level: 'high', description: 'Rule has a modified field without a date field' }, (doc) =>
  one(doc.modified !== undefined && doc.date === undefined, () => ({ message: 'rule has modified but no date', loc: fieldLoc(doc, 'modified') })),
);

export const sigmahqRedundantModified = hq({ name: 'sigmahq_redundant_modified', description: 'Rule has a redundant modified field (date == modified)' }, (doc) =>
  one(doc.date !== undefined && doc.date === doc.modified, () => ({ message: `modified equals date (${doc.date})`, loc: fieldLoc(doc, 'modified'), hint: 'remove modified' })),
);

export const sigmahqStatusExistence = hq({ name: 'sigmahq_status_existence', description: 'Rule is missing the status field' }, (doc) =>
  one(doc.status === undefined && doc.fieldLocs.status === undefined, () => ({ message: 'rule has no status', loc: fieldLoc(doc, 'title'), hint: 'add status: experimental' })),
);

export const sigmahqStatus = hq(
  { name: 'sigmahq_status', level: 'high', description: 'Rule uses a status field with either Deprecated or Unsupported values, and it is not located in the appropriate folder' },
  (doc) => {
    if (doc.status !== 'deprecated' && doc.status !== 'unsupported') return [];
    // SigmaHQ keeps these under deprecated/ and unsupported/: a rule already there follows the convention.
    const path = doc.loc.file.replace(/\\/g, '/');
    return one(!path.split('/').includes(doc.status), () => ({ message: `status ${doc.status} outside a ${doc.status}/ folder`, loc: fieldLoc(doc, 'status') }));
  },
);

const STATUS_RANK: Readonly<Record<string, number>> = { unsupported: 1, deprecated: 2, experimental: 3, test: 4, stable: 5 };

export const sigmahqStatusToHigh = hq(
  { name: 'sigmahq_status_to_high', description: 'Rule has a status level that is too high for a newly created rule', params: { min_days: 60 } },
  (doc, ctx) => {
    if (doc.date === undefined || doc.status === undefined || STATUS_RANK[doc.status]! <= STATUS_RANK.experimental!) return [];
    if ('regression_tests_path' in doc.custom) return [];
    const today = Date.UTC(ctx.today.getUTCFullYear(), ctx.today.getUTCMonth(), ctx.today.getUTCDate());
    const days = Math.floor((today - Date.parse(`${doc.date}T00:00:00Z`)) / 86_400_000);
    return one(days <= Number(ctx.params.min_days), () => ({ message: `status ${doc.status} for a rule dated ${doc.date} (${days} days old; at most ${ctx.params.min_days} days stay experimental)`, loc: fieldLoc(doc, 'status'), hint: 'status: experimental' }));
  },
);

export const sigmahqLevelExistence = hq({ name: 'sigmahq_level_existence', description: 'Rule is missing the level field' }, (doc) =>
  one(doc.level === undefined && doc.fieldLocs.level === undefined, () => ({ message: 'rule has no level', loc: fieldLoc(doc, 'title') })),
);

export const sigmahqFilenameConvention = hq({ name: 'sigmahq_filename_convention', description: "The rule filename doesn't match SigmaHQ convention" }, (doc) => {
  const name = baseName(doc.loc.file);
  if (name.startsWith('<')) return [];
  // re.match: anchored at the start only, as pySigma's check is.
  return one(!/^[a-z0-9_]{10,90}\.yml/.test(name) || !name.includes('_'), () => ({ message: `file name '${name}' is not 10 to 90 of [a-z0-9_] with an '_', then .yml`, loc: doc.loc }));
});

export const sigmahqCorrelationFilenamePrefix = hq({ name: 'sigmahq_correlation_filename_prefix', description: "Correlation rule filename must start with 'correlation_'" }, (doc) =>
  one(doc.kind === 'correlation' && !baseName(doc.loc.file).startsWith('<') && !baseName(doc.loc.file).startsWith('correlation_'), () => ({ message: `correlation in '${baseName(doc.loc.file)}': the file name must start with correlation_`, loc: doc.loc })),
);

export const sigmahqTitleLength = hq({ name: 'sigmahq_title_length', description: 'Rule has a title that is too long', params: { max_length: 120 } }, (doc, ctx) =>
  one(doc.title.length > Number(ctx.params.max_length), () => ({ message: `title has ${doc.title.length} characters (at most ${ctx.params.max_length})`, loc: fieldLoc(doc, 'title') })),
);

export const sigmahqTitleStart = hq({ name: 'sigmahq_title_start', description: "Rule has a title that starts with the word 'Detect' or 'Detects'" }, (doc) =>
  one(doc.title.startsWith('Detect ') || doc.title.startsWith('Detects '), () => ({ message: `title starts with '${doc.title.split(' ')[0]}'`, loc: fieldLoc(doc, 'title') })),
);

export const sigmahqTitleEnd = hq({ name: 'sigmahq_title_end', description: 'Rule has a title that ends with a dot(.)' }, (doc) =>
  one(doc.title.endsWith('.'), () => ({ message: 'title ends with a dot', loc: fieldLoc(doc, 'title') })),
);

const TITLE_LOWER_WORDS = ['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'new', 'of', 'on', 'or', 'over', 'the', 'through', 'to', 'via', 'with', 'without'];

/** The word list as a set, made once per list (the validator's parameters are the same object for every document). */
const WORD_SETS = new WeakMap<readonly string[], ReadonlySet<string>>();
function wordSet(list: readonly string[]): ReadonlySet<string> {
  let set = WORD_SETS.get(list);
  if (!set) {
    set = new Set(list);
    WORD_SETS.set(list, set);
  }
  return set;
}
// Made once (a `\p{…}` literal in the function would be a new RegExp at every call once the build lowers it).
const PATH_CHAR = /[./_]/;
const STARTS_WITH_DIGIT = /^\p{Nd}/u;

export const sigmahqTitleCase = hq({ name: 'sigmahq_title_case', description: 'Rule has a title with invalid casing', params: { word_list: TITLE_LOWER_WORDS } }, (doc, ctx) => {
  const allowed = wordSet(ctx.params.word_list as readonly string[]);
  const out: ValidatorFinding[] = [];
  const words = doc.title.split(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (pyIsLower(w) && !allowed.has(w.toLowerCase()) && !PATH_CHAR.test(w) && !STARTS_WITH_DIGIT.test(w)) {
      out.push({ message: `title word '${w}' should start with a capital letter`, loc: fieldLoc(doc, 'title') });
    }
  }
  return out;
});

export const sigmahqDescriptionExistence = hq({ name: 'sigmahq_description_existence', description: 'Rule is missing the description field' }, (doc) =>
  one(doc.description === undefined && doc.fieldLocs.description === undefined, () => ({ message: 'rule has no description', loc: fieldLoc(doc, 'title') })),
);

export const sigmahqDescriptionLength = hq({ name: 'sigmahq_description_length', description: 'Rule has an overly brief description', params: { description_len: 16 } }, (doc, ctx) =>
  one(doc.description !== undefined && doc.description.length < Number(ctx.params.description_len), () => ({ message: `description has ${doc.description!.length} characters (at least ${ctx.params.description_len})`, loc: fieldLoc(doc, 'description') })),
);

export const sigmahqLinkInDescription = hq(
  { name: 'sigmahq_link_in_description', description: 'Rule has a description field that contains a reference to a hyperlink', params: { word_list: ['http://', 'https://', 'internal research'] } },
  (doc, ctx) => {
    if (!doc.description || doc.references.length > 0) return [];
    const text = doc.description.toLowerCase();
    const word = (ctx.params.word_list as readonly string[]).find((w) => text.includes(w));
    return one(word !== undefined, () => ({ message: `description contains '${word}' but the rule has no references`, loc: fieldLoc(doc, 'description'), hint: 'move links to references' }));
  },
);

export const sigmahqGithubLink = hq({ name: 'sigmahq_github_link', description: 'Rule has a branch GitHub link instead of a permalink' }, (doc) =>
  doc.references
    .filter((l) => /^https:\/\/github\.com\/.*\.\w{1,3}$/.test(l) && !/^.*\/[0-9a-z]{40}\/.*/.test(l))
    .map((l) => ({ message: `reference ${l} links a branch, not a commit`, loc: fieldLoc(doc, 'references'), hint: 'use a permalink (press y on the GitHub page)' })),
);

export const sigmahqMitreLink = hq({ name: 'sigmahq_mitre_link', description: 'Rule has a MITRE link instead of a MITRE attack tag' }, (doc) =>
  doc.references
    .filter((l) => l.startsWith('https://attack.mitre.org/'))
    .map((l) => ({ message: `reference ${l} is an ATT&CK page`, loc: fieldLoc(doc, 'references'), hint: 'use a tag such as attack.t1053.003' })),
);

export const sigmahqFalsepositivesCapital = hq({ name: 'sigmahq_falsepositives_capital', description: "Rule contains a falsepositive entry that doesn't start with a capital letter" }, (doc) =>
  doc.falsepositives
    .filter((fp) => fp !== '' && fp[0]!.toUpperCase() !== fp[0])
    .map((fp) => ({ message: `false positive '${fp.split(' ')[0]}…' does not start with a capital letter`, loc: fieldLoc(doc, 'falsepositives') })),
);

function wordList(name: string, description: string, words: readonly string[], what: string): DocumentValidator {
  return hq({ name, description, params: { word_list: words } }, (doc, ctx) => {
    const list = ctx.params.word_list as readonly string[];
    const out: ValidatorFinding[] = [];
    for (const entry of doc.falsepositives) {
      for (const w of entry.split(' ')) {
        // The word's folded form once, not once per listed word.
        const folded = w.toLowerCase().trim();
        for (const bad of list) if (folded === bad) out.push({ message: `false positive entry uses ${what} '${w}'`, loc: fieldLoc(doc, 'falsepositives') });
      }
    }
    return out;
  });
}

export const sigmahqFalsepositivesBannedWord = wordList('sigmahq_falsepositives_banned_word', 'Rule defines a falsepositive entry that is part of the banned words list', ['none', 'pentest', 'penetration'], 'the banned word');
export const sigmahqFalsepositivesTypoWord = wordList('sigmahq_falsepositives_typo_word', 'Rule contains a falsepositive entry with a common typo', ['unkown', 'ligitimate', 'legitim ', 'legitimeate'], 'the misspelling');

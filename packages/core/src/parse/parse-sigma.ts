import { diagnostic, hasErrors, type Diagnostic } from '../diagnostics.js';
import { documentKey, type SigmaDocument } from '../ir/rule.js';
import { buildYamlTrees } from '../yaml/build-tree.js';
import { LineIndex } from '../yaml/line-index.js';
import { getEntry, type YDocument, type YMap } from '../yaml/nodes.js';
import { DocContext } from './context.js';
import { parseCorrelation } from './correlation.js';
import { parseFilter } from './filter.js';
import { DEFAULT_MAX_BYTES, type ParseOptions } from './options.js';
import { parseRule } from './rule.js';
import { validateDocument } from '../schema/validate.js';
import { utf8ByteLength } from './encoding.js';

export interface ParseResult {
  readonly documents: SigmaDocument[];
  readonly diagnostics: Diagnostic[];
}


/**
 * Parses one Sigma file (possibly several YAML documents) into IR. Never throws: every problem is a located
 * diagnostic, and a document with errors is left out of `documents`.
 */
export function parseSigma(text: string, file: string, options: ParseOptions = {}): ParseResult {
  try {
    return parseUnsafe(text, file, options);
  } catch (e) {
    return {
      documents: [],
      diagnostics: [
        diagnostic('internal/error', `internal error while parsing: ${e instanceof Error ? e.message : String(e)}`, { file, line: 1, column: 1 }),
      ],
    };
  }
}

/** The YAML reading of files parsed with default options (most): one object for all of them. */
const DEFAULT_YAML_OPTIONS = { yaml11: false } as const;

function parseUnsafe(text: string, file: string, options: ParseOptions): ParseResult {
  const diagnostics: Diagnostic[] = [];
  if (typeof text !== 'string') {
    return { documents: [], diagnostics: [diagnostic('io/read-failed', 'input is not text', { file, line: 1, column: 1 })] };
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8ByteLength(text) > maxBytes)) {
    return {
      documents: [],
      diagnostics: [diagnostic('io/too-large', `file is larger than ${maxBytes} bytes`, { file, line: 1, column: 1 })],
    };
  }
  const index = new LineIndex(text, file);
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) {
    diagnostics.push(
      diagnostic('io/not-utf8', 'the text contains U+FFFD replacement characters: the file was probably not valid UTF-8', index.location(bad), {
        severity: 'warning',
      }),
    );
  }
  const yaml = buildYamlTrees(
    index,
    options.yamlVersion === undefined && options.maxDepth === undefined && options.maxAliases === undefined
      ? DEFAULT_YAML_OPTIONS
      : {
          yaml11: options.yamlVersion === '1.1',
          limits: {
            ...(options.maxDepth !== undefined ? { maxDepth: options.maxDepth } : {}),
            ...(options.maxAliases !== undefined ? { maxAliases: options.maxAliases } : {}),
          },
        },
  );
  for (let i = 0; i < yaml.diagnostics.length; i++) diagnostics.push(yaml.diagnostics[i] as Diagnostic);
  const documents: SigmaDocument[] = [];
  // Indexed loops and no callbacks: this runs once per file, mostly unoptimized, where iterators and the objects
  // they return cost most.
  let nonEmpty = false;
  for (let i = 0; i < yaml.documents.length; i++) {
    const d = yaml.documents[i] as YDocument;
    if (!isEmpty(d) || d.failed) nonEmpty = true;
  }
  if (!nonEmpty && !hasErrors(yaml.diagnostics)) {
    diagnostics.push(diagnostic('yaml/empty-document', 'the file holds no YAML document', index.location(0)));
  }
  for (let i = 0; i < yaml.documents.length; i++) {
    const doc = yaml.documents[i] as YDocument;
    if (doc.failed || isEmpty(doc)) continue;
    const r = parseDocument(index, doc, options);
    for (let j = 0; j < r.diagnostics.length; j++) diagnostics.push(r.diagnostics[j] as Diagnostic);
    if (r.document) documents.push(r.document);
  }
  return { documents, diagnostics };
}

/** `---` with nothing after it (e.g. a trailing separator) is an empty document, not an error. */
function isEmpty(d: YDocument): boolean {
  return d.root === undefined || (d.root.kind === 'scalar' && d.root.valueStart < 0 && d.root.value === null);
}

function parseDocument(index: LineIndex, doc: YDocument, options: ParseOptions): { document?: SigmaDocument; diagnostics: Diagnostic[] } {
  const ctx = new DocContext(index);
  const root = doc.root;
  if (!root || root.kind !== 'map') {
    ctx.error('yaml/not-a-mapping', 'a Sigma document must be a mapping (title:, logsource:, detection: ...)', root ?? index.location(doc.start));
    return { diagnostics: ctx.diagnostics };
  }
  const action = getEntry(root, 'action');
  if (action) {
    ctx.error(
      'meta/legacy-action',
      `'action: ${action.value.kind === 'scalar' ? action.value.text : '...'}' (Sigma 1 rule collections) is not supported`,
      action.key,
      'write each rule as a complete document; share nothing between documents',
    );
    return { diagnostics: stamp(ctx.diagnostics, root) };
  }
  const kind = getEntry(root, 'correlation') ? 'correlation' : getEntry(root, 'filter') ? 'filter' : 'rule';
  if (options.validate !== false) validateDocument(ctx, root, kind);
  const document = kind === 'correlation' ? parseCorrelation(ctx, root) : kind === 'filter' ? parseFilter(ctx, root) : parseRule(ctx, root);
  const diagnostics = stamp(dedupe(ctx.diagnostics), root, document);
  if (ctx.hasErrors()) return { diagnostics };
  return document ? { document, diagnostics } : { diagnostics };
}

/**
 * One diagnostic per problem: when the schema and the IR builder report an error at the same place, the builder's
 * (more specific, with a hint) wins.
 */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length === 0) return diagnostics;
  const specific = new Set<string>();
  for (const d of diagnostics) if (d.severity === 'error' && !d.code.startsWith('schema/')) specific.add(`${d.line}:${d.column}`);
  return diagnostics.filter((d) => !(d.severity === 'error' && d.code.startsWith('schema/') && specific.has(`${d.line}:${d.column}`)));
}

/** Names the rule in each diagnostic (id, else name, else title). */
function stamp(diagnostics: Diagnostic[], root: YMap, document?: SigmaDocument): Diagnostic[] {
  if (diagnostics.length === 0) return diagnostics;
  let key = document ? documentKey(document) : undefined;
  if (key === undefined) {
    for (const k of ['id', 'name', 'title']) {
      const v = getEntry(root, k)?.value;
      if (v && v.kind === 'scalar' && typeof v.value === 'string' && v.value !== '') {
        key = v.value;
        break;
      }
    }
  }
  if (key === undefined || key === '') return diagnostics;
  return diagnostics.map((d) => (d.rule === undefined ? { ...d, rule: key } : d));
}

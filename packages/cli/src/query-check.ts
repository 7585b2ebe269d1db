// `check -t TARGET`: convert the rules and validate every query the target would get, so CI can check the queries
// and not only the rules. Splunk and Sumo lint every query inside their conversion (a failure is already a located
// `backend/invalid-output` error in the result), so only KQL needs a validation pass here: Microsoft's Kusto analysis
// (against the generated, documented table schemas) when its optional peer `@kusto/language-service-next` is
// installed; without it, the syntax-level gate `convert` uses, and the command says so instead of reading "no
// problems" as "valid".
import { documentKey, LineIndex, type Backend, type Diagnostic, type QueryProblem, type SigmaCollection } from '@sigmats/core';
import { kqlSyntaxProblems } from './kql-gate.js';
import { BackendUnavailable, loadBackend, type Target } from './registry.js';

export interface QueryCheck {
  readonly diagnostics: readonly Diagnostic[];
  /** One line per target saying how its queries were validated. */
  readonly notes: readonly string[];
  /** Queries validated, per target. */
  readonly counts: ReadonlyMap<Target, number>;
}

interface Validator {
  readonly backend: Backend;
  /** A validation pass after conversion; undefined where the conversion already lints every query. */
  readonly validate?: (query: string) => readonly QueryProblem[];
  readonly how: string;
}

/** The Kusto-analysing KQL backend when the service is installed, else the plain one with the syntax gate. */
async function kqlValidator(): Promise<Validator> {
  try {
    const v = (await import('@sigmats/backend-kql/validate')) as typeof import('@sigmats/backend-kql/validate');
    if (v.kustoAvailable()) {
      const backend = v.kqlValidatingBackend();
      return { backend, validate: (q) => backend.validate(q), how: "analysed by Microsoft's Kusto language service against the documented table schemas" };
    }
  } catch {
    // The subpath or the service could not be loaded: fall through to the gate.
  }
  return {
    backend: await loadBackend('kql'),
    validate: (q) => kqlSyntaxProblems(q),
    how: 'syntax-level gate only (@kusto/language-service-next is not installed; install it for the Kusto analysis)',
  };
}

async function validatorFor(target: Target): Promise<Validator> {
  if (target === 'kql') return kqlValidator();
  const backend = await loadBackend(target);
  return { backend, how: `checked by sigmats' ${backend.name} linter` };
}

/**
 * Converts `collection` for each target with its default pipelines and validates each query. Conversion problems are
 * reported as `convert` reports them; a query problem is a `backend/invalid-output` error located at the rule, with
 * the query's own line:col in the message.
 */
export async function checkQueries(collection: SigmaCollection, targets: readonly Target[]): Promise<QueryCheck> {
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  const counts = new Map<Target, number>();
  for (const target of targets) {
    let v: Validator;
    try {
      v = await validatorFor(target);
    } catch (err) {
      if (!(err instanceof BackendUnavailable)) throw err;
      diagnostics.push({ code: 'cli/usage', severity: 'error', message: err.message, file: '<backends>', line: 0, column: 0 });
      continue;
    }
    const result = v.backend.convert(collection);
    diagnostics.push(...result.diagnostics.map((d) => ({ ...d, message: `${d.message} [${target}]` })));
    let n = 0;
    for (const rule of result.rules) {
      const loc = rule.document.loc;
      for (const query of rule.queries) {
        n++;
        const problems = v.validate?.(query) ?? [];
        if (problems.length === 0) continue;
        const index = new LineIndex(query, loc.file);
        for (const p of problems) {
          const at = index.position(p.offset);
          diagnostics.push({
            code: 'backend/invalid-output',
            severity: 'error',
            message: `${target} query, line ${at.line} col ${at.column}: ${p.message}${p.code ? ` (${p.code})` : ''}`,
            file: loc.file,
            line: loc.line,
            column: loc.column,
            rule: documentKey(rule.document),
          });
        }
      }
    }
    counts.set(target, n);
    notes.push(`${target}: ${n} quer${n === 1 ? 'y' : 'ies'} ${v.how}`);
  }
  return { diagnostics, notes, counts };
}

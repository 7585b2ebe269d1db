/**
 * Why a query cannot be run: `syntax` (not the language), `semantic` (well formed but meaningless, e.g. json paths
 * and aliases of different lengths), `unsupported` (valid Sumo that this interpreter does not model; never guessed).
 */
export type InterpreterErrorKind = 'syntax' | 'semantic' | 'unsupported';

export class SumoError extends Error {
  override readonly name = 'SumoError';
  constructor(
    readonly kind: InterpreterErrorKind,
    message: string,
    /** Offset in the query text, when known. */
    readonly offset?: number,
  ) {
    super(offset === undefined ? message : `${message} (at ${offset})`);
  }
}

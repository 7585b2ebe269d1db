/**
 * Why a query cannot be run: `syntax` (the text is not KQL), `semantic` (KQL that Kusto would reject or that can
 * never behave as written: unknown table or column, a string compared with a number, member access on a
 * non-dynamic column, ...), `unsupported` (valid KQL outside the subset this interpreter implements: it refuses
 * rather than guess).
 */
export type KqlErrorKind = 'syntax' | 'semantic' | 'unsupported';

export class KqlError extends Error {
  readonly kind: KqlErrorKind;
  /** Character offset in the query text, when the problem has a place. */
  readonly offset?: number;

  constructor(kind: KqlErrorKind, message: string, offset?: number) {
    super(offset === undefined ? `${kind}: ${message}` : `${kind} at ${offset}: ${message}`);
    this.name = 'KqlError';
    this.kind = kind;
    if (offset !== undefined) this.offset = offset;
  }
}

export const syntaxError = (message: string, offset?: number): KqlError => new KqlError('syntax', message, offset);
export const semanticError = (message: string, offset?: number): KqlError => new KqlError('semantic', message, offset);
export const unsupported = (message: string, offset?: number): KqlError => new KqlError('unsupported', message, offset);

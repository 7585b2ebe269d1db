/**
 * Why a query cannot be interpreted: `syntax` (malformed SPL), `semantic` (well-formed but meaningless, e.g. an
 * eval that assigns a boolean to a field), `unsupported` (valid SPL this interpreter does not model, or whose
 * result Splunk documents as inconsistent, so no verdict can be claimed).
 */
export type SplErrorKind = 'syntax' | 'semantic' | 'unsupported';

export class SplError extends Error {
  readonly kind: SplErrorKind;
  /** Offset in the query text, when known. */
  readonly offset: number | undefined;
  constructor(kind: SplErrorKind, message: string, offset?: number) {
    super(offset === undefined ? message : `${message} (at offset ${offset})`);
    this.name = 'SplError';
    this.kind = kind;
    this.offset = offset;
  }
}

export function syntax(message: string, offset?: number): never {
  throw new SplError('syntax', message, offset);
}

export function unsupported(message: string, offset?: number): never {
  throw new SplError('unsupported', message, offset);
}

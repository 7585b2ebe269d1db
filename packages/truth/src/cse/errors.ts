import type { InterpreterErrorKind } from '../sumo/errors.js';

/** Why a Cloud SIEM expression cannot be run: `syntax`, `semantic`, or `unsupported` (valid CSE not modelled here). */
export class CseError extends Error {
  override readonly name = 'CseError';
  constructor(
    readonly kind: InterpreterErrorKind,
    message: string,
    /** Offset in the expression text, when known. */
    readonly offset?: number,
  ) {
    super(offset === undefined ? message : `${message} (at ${offset})`);
  }
}

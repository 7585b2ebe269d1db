import type { Severity } from '../diagnostics.js';
import type { SigmaDocument } from '../ir/rule.js';
import type { SourceLocation } from '../location.js';

/**
 * pySigma's issue severities (SigmaValidationIssueSeverity). Kept beside our error/warning so SARIF and JSON
 * readers can rank findings the way sigma-cli users know them.
 */
export type IssueLevel = 'high' | 'medium' | 'low' | 'informational';

/** Where a validator comes from: pySigma's core set, the SigmaHQ plugin, or sigmats' own. */
export type ValidatorOrigin = 'pysigma' | 'sigmahq' | 'sigmats';

export type ValidatorParam = number | string | boolean | readonly string[];

/** One problem a validator found, located at the offending key or value. */
export interface ValidatorFinding {
  readonly message: string;
  readonly loc: SourceLocation;
  readonly hint?: string;
}

/**
 * ATT&CK identifiers a tag may name, supplied by the caller (the CLI passes the table generated from MITRE's data).
 * A kind without a set is checked by its ID shape only.
 */
export interface AttackIds {
  readonly techniques?: ReadonlySet<string>;
  readonly groups?: ReadonlySet<string>;
  readonly software?: ReadonlySet<string>;
  readonly mitigations?: ReadonlySet<string>;
  readonly dataSources?: ReadonlySet<string>;
}

export interface ValidatorContext {
  /** This validator's parameters: its defaults overridden by the configuration. */
  readonly params: Readonly<Record<string, ValidatorParam>>;
  readonly attack: AttackIds;
  /** "Now" for age checks (sigmahq_status_to_high): injected so tests and reruns are stable. */
  readonly today: Date;
}

interface ValidatorBase {
  /** pySigma's identifier: class name minus `Validator`, snake_case (`identifier_existence`, `attacktag`). */
  readonly name: string;
  readonly description: string;
  readonly origin: ValidatorOrigin;
  readonly level: IssueLevel;
  /** Severity of the diagnostic: best-practice findings are warnings; sigmats' own strictness checks are errors. */
  readonly severity: Severity;
  /** Parameters and their defaults, as pySigma's validator dataclass fields name them. */
  readonly params?: Readonly<Record<string, ValidatorParam>>;
}

/** Looks at one document at a time. */
export interface DocumentValidator extends ValidatorBase {
  readonly kind: 'document';
  check(doc: SigmaDocument, ctx: ValidatorContext): readonly ValidatorFinding[];
}

/** Looks at the whole set (uniqueness checks): findings carry the document they belong to. */
export interface CollectionValidator extends ValidatorBase {
  readonly kind: 'collection';
  check(docs: readonly SigmaDocument[], ctx: ValidatorContext): readonly { readonly doc: SigmaDocument; readonly finding: ValidatorFinding }[];
}

export type Validator = DocumentValidator | CollectionValidator;

/** Describes a validator for help, JSON and SARIF output. */
export interface ValidatorInfo {
  readonly name: string;
  readonly description: string;
  readonly origin: ValidatorOrigin;
  readonly level: IssueLevel;
  readonly severity: Severity;
  readonly defaultEnabled: boolean;
  readonly params: Readonly<Record<string, ValidatorParam>>;
}

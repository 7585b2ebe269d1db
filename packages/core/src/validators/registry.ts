import * as py from './pysigma.js';
import * as hq from './sigmahq.js';
import { expandEscapedPercent, valuePercentileWithoutPercentile } from './sigmats.js';
import type { Validator, ValidatorInfo } from './types.js';
import type { ValidatorName } from './names.js';

/** Every validator, in report order. */
export const VALIDATORS: readonly Validator[] = [
  py.identifierExistence,
  py.identifierUniqueness,
  py.duplicateTitle,
  py.duplicateReferences,
  py.duplicateFilename,
  py.filenameLength,
  py.customAttributes,
  py.danglingDetection,
  py.themConditionWithSingleDetection,
  py.allOfThemCondition,
  py.specificInsteadOfGenericLogsource,
  py.fieldnameLogsource,
  py.invalidModifierCombinations,
  py.doubleWildcard,
  py.numberAsString,
  py.controlCharacter,
  py.escapedWildcard,
  py.wildcardsInsteadOfModifiers,
  py.tagFormat,
  py.attackTag,
  py.tlpv1Tag,
  py.tlpv2Tag,
  py.tlpTag,
  py.duplicateTag,
  py.namespaceTag,
  py.carTag,
  py.cveTag,
  py.detectionTag,
  py.stpTag,
  hq.sigmahqDateExistence,
  hq.sigmahqModifiedDateOrder,
  hq.sigmahqModifiedWithoutDate,
  hq.sigmahqRedundantModified,
  hq.sigmahqStatusExistence,
  hq.sigmahqStatus,
  hq.sigmahqStatusToHigh,
  hq.sigmahqLevelExistence,
  hq.sigmahqFilenameConvention,
  hq.sigmahqCorrelationFilenamePrefix,
  hq.sigmahqTitleLength,
  hq.sigmahqTitleStart,
  hq.sigmahqTitleEnd,
  hq.sigmahqTitleCase,
  hq.sigmahqDescriptionExistence,
  hq.sigmahqDescriptionLength,
  hq.sigmahqLinkInDescription,
  hq.sigmahqGithubLink,
  hq.sigmahqMitreLink,
  hq.sigmahqFalsepositivesCapital,
  hq.sigmahqFalsepositivesBannedWord,
  hq.sigmahqFalsepositivesTypoWord,
  expandEscapedPercent,
  valuePercentileWithoutPercentile,
];

export const VALIDATOR_BY_NAME: ReadonlyMap<string, Validator> = new Map(VALIDATORS.map((v) => [v.name, v]));

/**
 * pySigma validators that are not separate validators here, and why: a pySigma configuration naming them is read
 * without error (a warning says what happens instead).
 */
export const NOT_SEPARATE: Readonly<Record<string, string>> = {
  dangling_condition: 'the parser rejects a condition naming an unknown detection (condition/undefined-identifier), always',
  d3_fendtag: 'sigmats has no MITRE D3FEND data to check d3fend.* tags against',
  sigmahq_filename_prefix: "SigmaHQ's per-log-source file-name prefixes are data sigmats does not carry",
  sigmahq_logsource_known: "SigmaHQ's log source taxonomy is data sigmats does not carry",
  sigmahq_logsource_coherent: "SigmaHQ's log source taxonomy is data sigmats does not carry",
  sigmahq_fieldname_cast: "SigmaHQ's field name tables are data sigmats does not carry",
};

/** pySigma core validators that are conventions rather than correctness: off unless asked for, like SigmaHQ's. */
const CONVENTIONS = new Set(['tlpv1_tag', 'tlpv2_tag', 'filename_length']);

/**
 * On unless configured otherwise: pySigma's core set and sigmats' own. Opt-in (`--sigmahq`, or `all` in a validator
 * configuration): the SigmaHQ conventions, pySigma's file-name length convention (10 to 90 characters, SigmaHQ's
 * house style), and the TLP v1/v2-only variants (`tlptag`, on, accepts both versions).
 */
export function isDefaultEnabled(v: Validator): boolean {
  return v.origin !== 'sigmahq' && !CONVENTIONS.has(v.name);
}

/** Turned on by `--sigmahq`: the SigmaHQ conventions and pySigma's file-name length convention. */
export function isSigmahqConvention(v: Validator): boolean {
  return v.origin === 'sigmahq' || v.name === 'filename_length';
}

export function validatorInfo(v: Validator): ValidatorInfo {
  return { name: v.name, description: v.description, origin: v.origin, level: v.level, severity: v.severity, defaultEnabled: isDefaultEnabled(v), params: v.params ?? {} };
}

/** The documented list: name, origin, level, default. */
export function listValidators(): ValidatorInfo[] {
  return VALIDATORS.map(validatorInfo);
}

export type { ValidatorName };

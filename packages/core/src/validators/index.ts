export type { AttackIds, CollectionValidator, DocumentValidator, IssueLevel, Validator, ValidatorContext, ValidatorFinding, ValidatorInfo, ValidatorOrigin, ValidatorParam } from './types.js';
export { VALIDATOR_NAMES, type ValidatorCode, type ValidatorName } from './names.js';
export { VALIDATORS, VALIDATOR_BY_NAME, NOT_SEPARATE, isDefaultEnabled, isSigmahqConvention, listValidators, validatorInfo } from './registry.js';
export { defaultSelection, excludeValidators, parseValidatorConfig, unknownValidatorMessage, type ValidatorSelection } from './config.js';
export { validateDocuments, type ValidateOptions } from './run.js';

/**
 * Every validator name sigmats knows, as pySigma spells them (class name minus `Validator`, snake_case). Diagnostic
 * codes are `validator/<name>`; `validator/config` reports a problem in a validator configuration.
 */
export const VALIDATOR_NAMES = [
  // pySigma core (sigma/validators/core)
  'identifier_existence',
  'identifier_uniqueness',
  'duplicate_title',
  'duplicate_references',
  'duplicate_filename',
  'filename_length',
  'custom_attributes',
  'dangling_detection',
  'them_condition_with_single_detection',
  'all_of_them_condition',
  'specific_instead_of_generic_logsource',
  'fieldname_logsource',
  'invalid_modifier_combinations',
  'double_wildcard',
  'number_as_string',
  'control_character',
  'escaped_wildcard',
  'wildcards_instead_of_modifiers',
  'tag_format',
  'attacktag',
  'tlpv1_tag',
  'tlpv2_tag',
  'tlptag',
  'duplicate_tag',
  'namespace_tag',
  'cartag',
  'cvetag',
  'detection_tag',
  'stptag',
  // SigmaHQ conventions (pySigma-validators-sigmaHQ)
  'sigmahq_date_existence',
  'sigmahq_modified_date_order',
  'sigmahq_modified_without_date',
  'sigmahq_redundant_modified',
  'sigmahq_status_existence',
  'sigmahq_status',
  'sigmahq_status_to_high',
  'sigmahq_level_existence',
  'sigmahq_filename_convention',
  'sigmahq_correlation_filename_prefix',
  'sigmahq_title_length',
  'sigmahq_title_start',
  'sigmahq_title_end',
  'sigmahq_title_case',
  'sigmahq_description_existence',
  'sigmahq_description_length',
  'sigmahq_link_in_description',
  'sigmahq_github_link',
  'sigmahq_mitre_link',
  'sigmahq_falsepositives_capital',
  'sigmahq_falsepositives_banned_word',
  'sigmahq_falsepositives_typo_word',
  // sigmats
  'expand_escaped_percent',
  'value_percentile_without_percentile',
] as const;

export type ValidatorName = (typeof VALIDATOR_NAMES)[number];

export type ValidatorCode = `validator/${ValidatorName}` | 'validator/config';

export { sumo, SEARCH_OPTIONS } from './search/backend.js';
export { sumoCse, cseExpression, cseRuleObject } from './cse/backend.js';
export { validateSumoQuery, validateCseExpression, type LintOptions } from './lint/validate.js';
export { tokenize, type Token, type TokenKind, type LexOptions } from './lint/lexer.js';
export { searchProfile, type SearchProfile } from './search/profiles.js';
export { cseField, CSE_NORMALIZED, type CseField } from './cse/fields.js';
export { encodeUserRegex, isQuotable, lowerSafe, regexLiteral, sumoRegexChar } from './encode.js';

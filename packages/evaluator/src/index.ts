export { fold } from './fold.js';
export { compileStringPattern, type StringPattern } from './string-pattern.js';
export { translatePcre, compileRegex, type RegexTranslation, type CompiledRegex } from './regex.js';
export { parseIp, parseNetwork, inNetwork, type ParsedIp, type CidrNetwork } from './cidr.js';
export { parseTimestamp, timestampPart, isoWeek } from './timestamp.js';
export { EventView, resolveField, stringForm, collectLeaves, MISSING, type EventObject, type FieldLookup } from './event.js';
export { compileExpr, numericForm, KEYWORD_FIELD, type Atom, type Clauses, type CompiledExpr, type Predicate } from './compile-expr.js';

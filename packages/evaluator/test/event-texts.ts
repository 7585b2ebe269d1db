/** Texts of events files as `sigmats eval` may be handed them, good and broken (for property tests of the readers). */
import fc from 'fast-check';

const value = fc.oneof(fc.string({ unit: fc.constantFrom('a', '{', '}', '[', ']', '"', '\\', ',', ' ', 'é', '😀', '\n', '\t') }), fc.integer(), fc.boolean(), fc.constant(null));
const object = fc.dictionary(fc.constantFrom('Image', 'a', '{', 'k"', 'x\\'), fc.oneof(value, fc.array(value, { maxLength: 3 }), fc.dictionary(fc.constantFrom('b', '}'), value, { maxKeys: 2 })), { maxKeys: 4 });
const blank = fc.constantFrom('', ' ', '\t', '\r', ' \r', '  ');
const line = fc.oneof(
  fc.tuple(blank, object, blank).map(([a, o, b]) => a + JSON.stringify(o) + b),
  object.map((o) => JSON.stringify(o, null, 2)),
  fc.array(object, { maxLength: 2 }).map((os) => JSON.stringify(os)),
  fc.tuple(object, object).map(([a, b]) => JSON.stringify(a) + JSON.stringify(b)),
  object.map((o) => `${JSON.stringify(o)},`),
  object.map((o) => `${JSON.stringify(o)} junk`),
  object.map((o) => JSON.stringify(o).slice(0, -1)),
  fc.constantFrom('', 'garbage', '{"b": tru}', '{"a": "oops', '{', '}', '[1, {"a": 1}]', '{"a":1}}', '{}', '  {"c": 3}\r', '{"a": "x\\"}"}', 'Record 7', '\ufeff{"a":1}', '\ufeff', '\xff'),
);
export const eventText = fc.tuple(fc.array(line, { maxLength: 12 }), fc.boolean()).map(([ls, last]) => ls.join('\n') + (last ? '\n' : ''));


import { describe, expect, test } from 'vitest';
import { GENERIC_NAMES, withZeekAnswers, zeekAnswers } from '../src/records/generic-dns.js';

/** Zeek dns.log `answers` (vector of string, main.zeek:71), read once for the Cloud SIEM records (cse-json.ts). */
describe('zeekAnswers / withZeekAnswers', () => {
  test.each<[string, unknown, string[] | undefined]>([
    ['a scalar is one answer', '127.0.0.1', ['127.0.0.1']],
    ['a list is kept, in order', ['a', 'b'], ['a', 'b']],
    ['numbers and booleans as their text', [5, true], ['5', 'true']],
    ['absent', undefined, undefined],
    ['null: not written', null, undefined],
    ['an element that is not text: not a vector of string', ['a', { x: 1 }], undefined],
  ])('%s', (_name, value, expected) => {
    expect(zeekAnswers(value)).toEqual(expected);
  });

  test('withZeekAnswers changes answers only, in place; drops it when Zeek would not write it', () => {
    expect(Object.entries(withZeekAnswers({ _path: 'dns', answers: 'x', query: 'q' }))).toEqual([['_path', 'dns'], ['answers', ['x']], ['query', 'q']]);
    expect(withZeekAnswers({ _path: 'dns', answers: null })).toEqual({ _path: 'dns' });
    expect(withZeekAnswers({ _path: 'dns', query: 'q' })).toEqual({ _path: 'dns', query: 'q' });
  });

  test("the generic answer is Zeek's answers", () => {
    expect(GENERIC_NAMES['answer']).toBe('answers');
  });
});

import { describe, expect, test } from 'vitest';
import { sumoMessages } from '../src/records/index.js';
import { parseJsonMessage, parseJsonPath, extractJson } from '../src/sumo/json.js';

/**
 * Zeek dns.log `answers` in Sumo log search: the JSON line holds Zeek's vector as an array (generic-dns.ts
 * zeekAnswers), which `| json "answers"` extracts as its JSON text (src/sumo/json.ts extractJson).
 */
describe('sumoMessages: Zeek dns.log answers as a JSON array', () => {
  test.each<[string, Record<string, unknown>, { product: string; service?: string }, unknown]>([
    ['a scalar answer is a one-element list', { query: 'x.example', answers: '127.0.0.1' }, { product: 'zeek', service: 'dns' }, ['127.0.0.1']],
    ['a list is kept', { answers: ['a', 'b'] }, { product: 'zeek', service: 'dns' }, ['a', 'b']],
    ['a dns record on another Zeek route (_path dns)', { _path: 'dns', answers: 'a' }, { product: 'zeek' }, ['a']],
    ['other Zeek logs are as the event gives them', { answers: 'a' }, { product: 'zeek', service: 'http' }, 'a'],
    ['other products are as the event gives them', { answers: 'a' }, { product: 'acme' }, 'a'],
  ])('%s', (_name, event, source, expected) => {
    const [m] = sumoMessages(event, source, 'json');
    expect((JSON.parse(m!._raw) as Record<string, unknown>)['answers']).toEqual(expected);
  });

  test('json "answers" extracts the array as its JSON text', () => {
    const [m] = sumoMessages({ answers: ['127.0.0.1', 'TXT 5 hello'] }, { product: 'zeek', service: 'dns' }, 'json');
    expect(extractJson(parseJsonMessage(m!._raw), parseJsonPath('answers', 0))).toBe('["127.0.0.1","TXT 5 hello"]');
  });

  test('the text format is unchanged', () => {
    const [m] = sumoMessages({ answers: '127.0.0.1' }, { product: 'zeek', service: 'dns' }, 'text');
    expect(m!._raw).toBe('answers=127.0.0.1');
  });
});

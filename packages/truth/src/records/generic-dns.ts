import { assumption } from './assumptions.js';

/**
 * Sigma's generic DNS names -> Zeek dns.log columns (assumption `dns-generic-as-zeek`): the reading of a generic
 * `category: dns` event that both the Sentinel records (zeek-dns.ts) and the Cloud SIEM records (cse-json.ts) make.
 */
export const GENERIC_NAMES: Readonly<Record<string, string>> = {
  query: 'query', record_type: 'qtype_name', answer: 'answers', src_ip: 'id.orig_h', src_port: 'id.orig_p', dst_ip: 'id.resp_h', dst_port: 'id.resp_p',
};

/**
 * Zeek dns.log `answers` as Zeek holds and writes it: a `vector of string` (zeek/zeek @ a13de64f
 * scripts/base/protocols/dns/main.zeek:71), one element appended per reply (:422-424 `c$dns$answers = vector();`
 * `c$dns$answers += reply`), written to a JSON log as an array (src/threading/formatters/JSON.cc:234-235). A Sigma
 * event's scalar is one answer, a one-element list; a list is the answers in order (assumption `zeek-dns-answers-list`).
 * Elements are their text (numbers and booleans as written); undefined when the value is absent (an unset `&optional`
 * field is not written) or an element is not text (not a value of the column's type: left out, as zeek-dns.ts does).
 */
export function zeekAnswers(v: unknown): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) assumption('zeek-dns-answers-list');
  const items = (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined));
  return items.every((x): x is string => x !== undefined) ? items : undefined;
}

/** A Zeek dns.log record (nested or flat JSON keys) with its `answers` as zeekAnswers reads it; left out when absent. */
export function withZeekAnswers(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k !== 'answers') out[k] = v;
    else {
      const list = zeekAnswers(v);
      if (list !== undefined) out[k] = list;
    }
  }
  return out;
}

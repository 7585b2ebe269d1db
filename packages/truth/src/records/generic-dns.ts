/**
 * Sigma's generic DNS names -> Zeek dns.log columns (assumption `dns-generic-as-zeek`): the reading of a generic
 * `category: dns` event that both the Sentinel records (zeek-dns.ts) and the Cloud SIEM records (cse-json.ts) make.
 */
export const GENERIC_NAMES: Readonly<Record<string, string>> = {
  query: 'query', record_type: 'qtype_name', answer: 'answers', src_ip: 'id.orig_h', src_port: 'id.orig_p', dst_ip: 'id.resp_h', dst_port: 'id.resp_p',
};

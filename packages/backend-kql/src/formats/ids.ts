import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The rule's id when it is a UUID, else a stable UUID derived from the key (Sentinel requires a GUID). SHA-1 comes
 * from @noble/hashes (audited, no dependencies, runs anywhere): node:crypto does not exist in a browser. The digest
 * is the same as before, so are the GUIDs.
 */
export function ruleGuid(id: string | undefined, key: string): string {
  if (id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id.toLowerCase();
  const h = bytesToHex(sha1(utf8ToBytes(`sigmats:${key}`)));
  // Name-based UUID layout (version 5 bits, RFC 4122 variant).
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

import { sha1Hex } from './sha1.js';

/**
 * The rule's id when it is a UUID, else a stable UUID derived from the key (Sentinel requires a GUID): SHA-1 of the
 * key's UTF-8 bytes (sha1.ts, which runs in a browser), the same digest node:crypto gave, so the same GUIDs.
 */
export function ruleGuid(id: string | undefined, key: string): string {
  if (id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id.toLowerCase();
  const h = sha1Hex(new TextEncoder().encode(`sigmats:${key}`));
  // Name-based UUID layout (version 5 bits, RFC 4122 variant).
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

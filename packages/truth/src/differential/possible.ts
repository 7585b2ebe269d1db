/**
 * Derived events are built field by field from a rule's constraints, so a near miss can set one field of a pair that
 * the logging product always writes together. Such an event cannot exist, and the vendor's record of it is undefined:
 * comparing verdicts on it would test the deriver, not the query. These checks name the invariants the products
 * document, and the differential leaves out the events that break one.
 */

const SYSMON_PROVIDER = /sysmon/i;

/**
 * Sysmon event 3 writes `SourceIsIpv6` / `DestinationIsIpv6` from the address family of `SourceIp` / `DestinationIp`
 * (Sysmon's schema: both are written for every network connection; an IPv6 address is the one holding a colon).
 */
function sysmonNetwork(event: Readonly<Record<string, unknown>>): string | undefined {
  for (const side of ['Source', 'Destination'] as const) {
    const flag = event[`${side}IsIpv6`];
    const ip = event[`${side}Ip`];
    if (flag === undefined || flag === null || typeof ip !== 'string' || ip === '') continue;
    const says = /^true$/i.test(String(flag));
    if (says !== ip.includes(':')) return `${side}IsIpv6 = ${String(flag)} contradicts ${side}Ip = ${ip}`;
  }
  return undefined;
}

/** Why no product could have written `event`, or undefined when it is possible as far as these checks know. */
export function impossibleEvent(event: Readonly<Record<string, unknown>>): string | undefined {
  const provider = event['Provider_Name'] ?? event['Channel'];
  if (typeof provider === 'string' && SYSMON_PROVIDER.test(provider) && String(event['EventID']) === '3') return sysmonNetwork(event);
  return undefined;
}

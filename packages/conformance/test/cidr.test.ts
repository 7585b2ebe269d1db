import { featureTable, kqlWhere, sumoWhere, cseWindows, type Row } from './helpers.js';

/**
 * Defender's DestinationIp is direction-aware (RemoteIP outbound, LocalIP inbound), an IPv4-mapped address read as the
 * IPv4 one (assumption defender-ipv4-mapped): a computed column.
 */
const xdrIp = (where: string): string =>
  kqlWhere(
    where,
    String.raw`DeviceNetworkEvents
| extend DestinationIp = replace_regex(iff(ActionType in ("InboundConnectionAccepted"), LocalIP, RemoteIP), @"(?i)^::ffff:(\d+\.\d+\.\d+\.\d+)$", @"\1")`,
  );

const r = String.raw;

/** Real network membership, IPv4 and IPv6. */
const rows: readonly Row[] = [
  {
    name: 'IPv4',
    category: 'network_connection',
    detection: r`
sel:
  DestinationIp|cidr: '10.0.0.0/8'
condition: sel`,
    splunk: 'DestinationIp="10.0.0.0/8"',
    kql: xdrIp('coalesce(ipv4_is_in_range(DestinationIp, "10.0.0.0/8"), false)'),
    sumo: sumoWhere('compareCIDRPrefix("10.0.0.0", DestinationIp, "8")', { category: 'network_connection' }),
    sumoCse: cseWindows(r`compareCIDRPrefix('10.0.0.0', dstDevice_ip, '8')`, 'network_connection'),
    matches: [{ DestinationIp: '10.1.2.3' }],
    misses: [{ DestinationIp: '11.0.0.1' }, { DestinationIp: '110.0.0.1' }],
  },
  {
    name: 'IPv4 list',
    category: 'network_connection',
    detection: r`
sel:
  DestinationIp|cidr:
    - '10.0.0.0/8'
    - '192.168.0.0/16'
condition: sel`,
    splunk: 'DestinationIp="10.0.0.0/8" OR DestinationIp="192.168.0.0/16"',
    kql: xdrIp('coalesce(ipv4_is_in_any_range(DestinationIp, "10.0.0.0/8", "192.168.0.0/16"), false)'),
    sumo: sumoWhere('compareCIDRPrefix("10.0.0.0", DestinationIp, "8") or compareCIDRPrefix("192.168.0.0", DestinationIp, "16")', { category: 'network_connection' }),
    sumoCse: cseWindows(r`compareCIDRPrefix('10.0.0.0', dstDevice_ip, '8') or compareCIDRPrefix('192.168.0.0', dstDevice_ip, '16')`, 'network_connection'),
    matches: [{ DestinationIp: '192.168.5.5' }],
    misses: [{ DestinationIp: '192.169.0.1' }],
  },
  {
    name: 'IPv4 /32',
    category: 'network_connection',
    detection: r`
sel:
  DestinationIp|cidr: '127.0.0.1/32'
condition: sel`,
    splunk: 'DestinationIp="127.0.0.1/32"',
    kql: xdrIp('coalesce(ipv4_is_in_range(DestinationIp, "127.0.0.1/32"), false)'),
    sumo: sumoWhere('compareCIDRPrefix("127.0.0.1", DestinationIp, "32")', { category: 'network_connection' }),
    sumoCse: cseWindows(r`compareCIDRPrefix('127.0.0.1', dstDevice_ip, '32')`, 'network_connection'),
    matches: [{ DestinationIp: '127.0.0.1' }],
    misses: [{ DestinationIp: '127.0.0.10' }],
  },
  {
    name: 'IPv4 under not',
    category: 'network_connection',
    detection: r`
sel:
  DestinationIp|cidr: '10.0.0.0/8'
condition: not sel`,
    splunk: 'NOT DestinationIp="10.0.0.0/8"',
    kql: xdrIp('not(coalesce(ipv4_is_in_range(DestinationIp, "10.0.0.0/8"), false))'),
    sumo: sumoWhere('!(compareCIDRPrefix("10.0.0.0", DestinationIp, "8"))', { category: 'network_connection' }),
    sumoCse: cseWindows(r`!(compareCIDRPrefix('10.0.0.0', dstDevice_ip, '8'))`, 'network_connection'),
    matches: [{ DestinationIp: '8.8.8.8' }],
    misses: [{ DestinationIp: '10.0.0.1' }],
  },
  {
    name: 'IPv6',
    category: 'network_connection',
    detection: r`
sel:
  DestinationIp|cidr: '2001:db8::/32'
condition: sel`,
    splunk: 'DestinationIp="2001:db8::/32"',
    kql: xdrIp('coalesce(ipv6_is_in_range(DestinationIp, "2001:db8::/32"), false)'),
    sumo: sumoWhere('DestinationIp matches /(?i)^(?:2001:0{0,1}db8(?::.*)?)$/', { category: 'network_connection' }),
    sumoCse: cseWindows(r`dstDevice_ip matches /(?i)^(?:2001:0{0,1}db8(?::.*)?)$/`, 'network_connection'),
    matches: [{ DestinationIp: '2001:db8::1' }, { DestinationIp: '2001:0DB8:0:0:0:0:0:1' }],
    misses: [{ DestinationIp: '2001:db9::1' }, { DestinationIp: '2001::db8' }],
  },
  {
    name: 'IPv6 /10 under not',
    category: 'network_connection',
    detection: r`
sel:
  DestinationIp|cidr: 'fe80::/10'
condition: not sel`,
    splunk: 'NOT DestinationIp="fe80::/10"',
    kql: xdrIp('not(coalesce(ipv6_is_in_range(DestinationIp, "fe80::/10"), false))'),
    sumo: sumoWhere('!(DestinationIp matches /(?i)^(?:fe[8-9a-b][0-9a-f](?::.*)?)$/)', { category: 'network_connection' }),
    sumoCse: cseWindows(r`!(dstDevice_ip matches /(?i)^(?:fe[8-9a-b][0-9a-f](?::.*)?)$/)`, 'network_connection'),
    matches: [{ DestinationIp: 'fec0::1' }],
    misses: [{ DestinationIp: 'fe80::1' }, { DestinationIp: 'febf::1' }],
  },
  {
    name: 'IPv4 and IPv6 in one list',
    category: 'network_connection',
    detection: r`
sel:
  DestinationIp|cidr:
    - '10.0.0.0/8'
    - 'fc00::/7'
condition: sel`,
    splunk: 'DestinationIp="10.0.0.0/8" OR DestinationIp="fc00::/7"',
    kql: xdrIp('coalesce(ipv4_is_in_range(DestinationIp, "10.0.0.0/8"), false) or coalesce(ipv6_is_in_range(DestinationIp, "fc00::/7"), false)'),
    sumo: sumoWhere('compareCIDRPrefix("10.0.0.0", DestinationIp, "8") or DestinationIp matches /(?i)^(?:f[c-d][0-9a-f][0-9a-f](?::.*)?)$/', { category: 'network_connection' }),
    sumoCse: cseWindows(r`compareCIDRPrefix('10.0.0.0', dstDevice_ip, '8') or dstDevice_ip matches /(?i)^(?:f[c-d][0-9a-f][0-9a-f](?::.*)?)$/`, 'network_connection'),
    matches: [{ DestinationIp: 'fd12::1' }, { DestinationIp: '10.0.0.1' }],
    misses: [{ DestinationIp: 'fe00::1' }],
  },
];

featureTable('cidr', rows);

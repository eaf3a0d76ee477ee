import ipaddr from 'ipaddr.js';

type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
type IpRange = [IpAddress, number];

// IANA has allocated only 2000::/3 for global unicast: anything else that ipaddr still calls 'unicast'
// (IPv4-compatible ::a.b.c.d, unassigned space) cannot be a public webhook receiver.
const GLOBAL_UNICAST_V6: IpRange = ipaddr.parseCIDR('2000::/3');

/**
 * Why `address` may not be connected to, or null when it may: every address outside public unicast is refused
 * (loopback, private, link-local and the 169.254.169.254 metadata service, unique-local, CGNAT, multicast,
 * reserved, NAT64/6to4/Teredo…) unless it lies in one of `allowedRanges`.
 */
export function addressRefusal(address: string, allowedRanges: readonly string[]): string | null {
  const parsed = parsedAddress(address);
  if (parsed === undefined) return `${address} is not an IP address`;
  const range = publicRangeProblem(parsed);
  if (range === null || allowedRanges.some((entry) => inRange(parsed, entry))) return null;
  return `address ${parsed.toString()} is not allowed (${range}); add it to the outbound allowed ranges to permit it`;
}

export function isAddressAllowed(address: string, allowedRanges: readonly string[]): boolean {
  return addressRefusal(address, allowedRanges) === null;
}

/**
 * The allow-list in canonical CIDR form (`10.0.0.0/8`, a bare address as `/32` or `/128`), or an Error naming the
 * first entry that is not one. Only four-part decimal IPv4 is accepted: ipaddr would read `10/8` as `0.0.0.10/8`.
 */
export function parseAllowedRanges(list: readonly string[]): readonly string[] {
  return list.map((entry) => {
    const range = parsedRange(entry);
    if (range === undefined) {
      throw new Error(
        `outbound allowed range "${entry}" is not an IP address or CIDR range (e.g. 10.0.0.0/8, fd00::/8)`,
      );
    }
    return `${range[0].toString()}/${range[1]}`;
  });
}

/** The address as ipaddr reads it, with IPv4-mapped IPv6 (::ffff:127.0.0.1) turned into the IPv4 it reaches. */
export function parsedAddress(address: string): IpAddress | undefined {
  return ipaddr.isValid(address) ? ipaddr.process(address) : undefined;
}

/** The name of the non-public range `address` lies in, or null for a public unicast address. */
function publicRangeProblem(address: IpAddress): string | null {
  const range = address.range();
  if (range !== 'unicast') return range;
  if (address.kind() === 'ipv6' && !address.match(GLOBAL_UNICAST_V6)) return 'not global unicast';
  return null;
}

function inRange(address: IpAddress, entry: string): boolean {
  const range = parsedRange(entry);
  return range !== undefined && range[0].kind() === address.kind() && address.match(range);
}

function parsedRange(entry: string): IpRange | undefined {
  const text = entry.trim();
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(text) || ipaddr.IPv6.isValidCIDR(text)) return ipaddr.parseCIDR(text);
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return undefined;
  const address = ipaddr.process(text);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

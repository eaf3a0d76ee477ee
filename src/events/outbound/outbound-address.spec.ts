import { addressRefusal, isAddressAllowed, parseAllowedRanges } from './outbound-address.js';

describe('isAddressAllowed', () => {
  it.each<[string, string]>([
    ['a public IPv4 address', '93.184.215.14'],
    ['a public IPv4 address next to a private range', '172.32.0.1'],
    ['a public IPv6 address', '2606:4700:4700::1111'],
    ['a public IPv4 address written IPv4-mapped', '::ffff:93.184.215.14'],
  ])('allows %s (%s)', (_case, address) => {
    expect(isAddressAllowed(address, [])).toBe(true);
  });

  it.each<[string, string]>([
    ['IPv4 loopback', '127.0.0.1'],
    ['the rest of 127/8', '127.255.0.9'],
    ['private 10/8', '10.0.0.5'],
    ['private 172.16/12', '172.31.255.1'],
    ['private 192.168/16', '192.168.1.1'],
    ['link-local, the cloud metadata service', '169.254.169.254'],
    ['carrier-grade NAT', '100.64.0.1'],
    ['unspecified', '0.0.0.0'],
    ['this network (0/8)', '0.1.2.3'],
    ['broadcast', '255.255.255.255'],
    ['multicast', '224.0.0.251'],
    ['reserved (240/4)', '240.0.0.1'],
    ['documentation (TEST-NET-3)', '203.0.113.7'],
    ['IPv6 loopback', '::1'],
    ['IPv6 unspecified', '::'],
    ['IPv6 link-local', 'fe80::1'],
    ['IPv6 link-local with a zone', 'fe80::1%eth0'],
    ['IPv6 unique-local, the AWS metadata service', 'fd00:ec2::254'],
    ['IPv6 multicast', 'ff02::1'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1'],
    ['IPv4-mapped loopback in hex', '::ffff:7f00:1'],
    ['IPv4-mapped metadata service', '::ffff:169.254.169.254'],
    ['IPv4-compatible loopback (deprecated ::/96)', '::7f00:1'],
    ['NAT64 (rfc6052) of a private address', '64:ff9b::a00:5'],
    ['6to4', '2002:7f00:1::1'],
    ['Teredo', '2001:0:4136:e378::1'],
    ['IPv6 documentation', '2001:db8::1'],
    ['IPv4 in hex, as inet_aton would read it', '0x7f000001'],
    ['IPv4 as one number', '2130706433'],
  ])('refuses %s (%s)', (_case, address) => {
    expect(isAddressAllowed(address, [])).toBe(false);
  });

  it.each<[string, string]>([
    ['a host name', 'hook.example.com'],
    ['an empty string', ''],
    ['an IPv4 address with a port', '127.0.0.1:80'],
  ])('refuses %s, which is not an address', (_case, address) => {
    expect(isAddressAllowed(address, ['0.0.0.0/0', '::/0'])).toBe(false);
  });

  it.each<[string, string, readonly string[], boolean]>([
    ['loopback in an allowed /32', '127.0.0.1', ['127.0.0.1/32'], true],
    ['another loopback address outside that /32', '127.0.0.2', ['127.0.0.1/32'], false],
    ['a private address in an allowed /8', '10.20.30.40', ['10.0.0.0/8'], true],
    ['a private address outside the allowed /8', '192.168.0.1', ['10.0.0.0/8'], false],
    ['an address allowed bare', '169.254.169.254', ['169.254.169.254'], true],
    ['IPv4-mapped loopback by its IPv4 range', '::ffff:127.0.0.1', ['127.0.0.0/8'], true],
    ['IPv6 loopback by an IPv4 range', '::1', ['127.0.0.0/8'], false],
    ['IPv6 unique-local in an allowed range', 'fd00:ec2::254', ['fd00::/8'], true],
    ['IPv4 loopback by an IPv6 range', '127.0.0.1', ['::/0'], false],
    ['anything, when the list holds a malformed entry only', '127.0.0.1', ['127.0.0.1/33'], false],
  ])('with an allow-list: %s is %s', (_case, address, allowed, expected) => {
    expect(isAddressAllowed(address, allowed)).toBe(expected);
  });
});

describe('addressRefusal', () => {
  it('names the range and the fix', () => {
    expect(addressRefusal('::ffff:169.254.169.254', [])).toBe(
      'address 169.254.169.254 is not allowed (linkLocal); add it to the outbound allowed ranges to permit it',
    );
  });

  it('says when what it was given is not an address', () => {
    expect(addressRefusal('hook.example.com', [])).toBe('hook.example.com is not an IP address');
  });

  it('answers null for an allowed address', () => {
    expect(addressRefusal('93.184.215.14', [])).toBeNull();
  });
});

describe('parseAllowedRanges', () => {
  it.each<[string, string]>([
    ['127.0.0.1/32', '127.0.0.1/32'],
    ['10.0.0.0/8', '10.0.0.0/8'],
    [' 192.168.0.0/16 ', '192.168.0.0/16'],
    ['127.0.0.1', '127.0.0.1/32'],
    ['::1', '::1/128'],
    ['fd00::/8', 'fd00::/8'],
    ['::ffff:10.0.0.1', '10.0.0.1/32'],
  ])('reads %s as %s', (entry, expected) => {
    expect(parseAllowedRanges([entry])).toStrictEqual([expected]);
  });

  it.each<[string]>([['10/8'], ['10.0.0.0/33'], ['localhost'], [''], ['1.2.3.4/'], ['fd00::/129'], ['0x7f000001']])(
    'refuses %j, naming it',
    (entry) => {
      expect(() => parseAllowedRanges(['127.0.0.1/32', entry])).toThrow(`outbound allowed range "${entry}"`);
    },
  );

  it('reads an empty list as an empty list', () => {
    expect(parseAllowedRanges([])).toStrictEqual([]);
  });
});

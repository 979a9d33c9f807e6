// The rate limits' key for a caller (issue 11, finding 12): an IPv6 address counts by its
// /64, so one network cannot make endless fresh keys; IPv4 as it is.
import { expect, test } from 'vitest';
import { clientAddress } from '../../src/server/http/security.ts';

const keyOf = (address: string) => clientAddress(new Request('http://127.0.0.1/', { headers: { 'cf-connecting-ip': address } }));

test('every address in one IPv6 /64 is one key, however it is written', () => {
  const keys = new Set(['2001:db8:1:2::1', '2001:db8:1:2::ffff', '2001:0db8:0001:0002:abcd:ef01:2345:6789', '2001:DB8:1:2:0:0:0:7', '[2001:db8:1:2::9]'].map(keyOf));
  expect([...keys]).toEqual(['2001:db8:1:2::/64']);
});

test('another /64 is another key; IPv4 and IPv4-mapped addresses are keyed as IPv4', () => {
  expect(keyOf('2001:db8:1:3::1')).not.toBe(keyOf('2001:db8:1:2::1'));
  expect(keyOf('::1')).toBe('0:0:0:0::/64');
  expect(keyOf('203.0.113.7')).toBe('203.0.113.7');
  expect(keyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
});

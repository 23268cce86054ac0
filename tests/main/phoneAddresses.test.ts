// The hub proposes its own LAN addresses for the phone link; the manager chooses (#23 item 6).
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Settings } from '../../main/contract/index.ts';
import { phoneAddresses } from '../../main/hub/phoneAddresses.ts';
import { errorCode, startTestHub, type TestHub } from '../helpers/hub.ts';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: `${address}/24`,
});
const v6 = (address: string): NetworkInterfaceInfo => ({
  address,
  netmask: 'ffff:ffff:ffff:ffff::',
  family: 'IPv6',
  mac: '00:00:00:00:00:00',
  internal: false,
  cidr: `${address}/64`,
  scopeid: 0,
});
const pc = {
  lo: [v4('127.0.0.1', true)],
  eth0: [v4('192.168.1.10'), v6('fe80::1')],
  docker0: [v4('172.17.0.1')],
  wlan0: [v4('10.0.5.23'), v4('169.254.3.4')],
  tun0: [v4('100.64.0.7')],
};

describe('phoneAddresses (pure)', () => {
  it('every non-loopback, non-link-local IPv4 address of the PC, private ranges first, with the port', () => {
    expect(phoneAddresses(pc, '0.0.0.0', 8686)).toEqual({
      candidates: ['http://10.0.5.23:8686', 'http://172.17.0.1:8686', 'http://192.168.1.10:8686', 'http://100.64.0.7:8686'],
      loopbackOnly: false,
    });
    expect(phoneAddresses(pc, '::', 9000).candidates[0]).toBe('http://10.0.5.23:9000');
  });

  it('a hub bound to one address offers that one; bound to loopback, none (no phone can reach it)', () => {
    expect(phoneAddresses(pc, '192.168.1.10', 8686)).toEqual({ candidates: ['http://192.168.1.10:8686'], loopbackOnly: false });
    for (const host of ['127.0.0.1', 'localhost', '::1'])
      expect(phoneAddresses(pc, host, 8686)).toEqual({ candidates: [], loopbackOnly: true });
  });

  it('every address offered for this machine is one the settings accept as phoneBaseUrl', () => {
    for (const url of phoneAddresses(networkInterfaces(), '0.0.0.0', 8686).candidates)
      expect(Settings.shape.phoneBaseUrl.safeParse(url).success, url).toBe(true);
  });
});

describe('GET /api/config/phone-addresses', () => {
  let t: TestHub;
  beforeEach(async () => {
    t = await startTestHub();
  });
  afterEach(async () => t.close());

  it('managers get the offer (a test hub listens on loopback only: none, and it says so); nothing is set by itself', async () => {
    const admin = await t.login('admin');
    expect(await t.api('settings:phone-addresses', {}, admin)).toEqual({ candidates: [], loopbackOnly: true });
    expect((await t.api('settings:get', {}, admin)).phoneBaseUrl).toBe('');
    expect(await errorCode(t.api('settings:phone-addresses', {}, await t.officerAt(1)))).toBe('FORBIDDEN');
  });
});

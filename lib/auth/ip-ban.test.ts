import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { authenticationBans } from '@/db/schema';
import { db } from '@/db/client';
import { withFreshDatabase } from '@/tests/database';
import { DEFAULT_IP_BAN_POLICY, ipBanPolicyFromEnv, ipBanStatus, recordAuthenticationFailure, resetAuthenticationFailures } from './ip-ban';

withFreshDatabase();

const policy = { ...DEFAULT_IP_BAN_POLICY, maxRetry: 3, findTimeSeconds: 60, banTimeSeconds: 600 };
const T0 = new Date('2030-01-10T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let counter = 0;
const freshIp = () => `198.51.100.${++counter}`;

async function failures(ip: string) {
  const [row] = await (await db()).select().from(authenticationBans).where(eq(authenticationBans.ipAddress, ip));
  return row?.failures ?? 0;
}

describe('ipBanPolicyFromEnv', () => {
  it("uses GitLab's defaults: 10 failures within 60 s ban for an hour", () => {
    expect(ipBanPolicyFromEnv({})).toEqual({ enabled: true, maxRetry: 10, findTimeSeconds: 60, banTimeSeconds: 3600, allowlist: [] });
  });

  it('reads the KEYHOLD_AUTH_BAN_* variables and ignores nonsense', () => {
    expect(
      ipBanPolicyFromEnv({
        KEYHOLD_AUTH_BAN_ENABLED: 'false',
        KEYHOLD_AUTH_BAN_MAX_RETRY: '3',
        KEYHOLD_AUTH_BAN_FIND_TIME: '30',
        KEYHOLD_AUTH_BAN_TIME: 'soon',
        KEYHOLD_AUTH_BAN_ALLOWLIST: ' 10.0.0.1, ,10.0.0.2',
      }),
    ).toEqual({ enabled: false, maxRetry: 3, findTimeSeconds: 30, banTimeSeconds: 3600, allowlist: ['10.0.0.1', '10.0.0.2'] });
  });
});

describe('the failed-authentication ban', () => {
  it('bans after maxRetry failures within findtime, until bantime has passed', async () => {
    const ip = freshIp();
    expect(await recordAuthenticationFailure(ip, { policy, now: at(0) })).toEqual({ banned: false });
    expect(await recordAuthenticationFailure(ip, { policy, now: at(10) })).toEqual({ banned: false });
    expect(await ipBanStatus(ip, { policy, now: at(11) })).toEqual({ banned: false, hasFailures: true });
    expect(await recordAuthenticationFailure(ip, { policy, now: at(20) })).toEqual({ banned: true });
    expect(await ipBanStatus(ip, { policy, now: at(21) })).toEqual({ banned: true, hasFailures: true });
    expect((await ipBanStatus(ip, { policy, now: at(20 + 599) })).banned).toBe(true);
    expect((await ipBanStatus(ip, { policy, now: at(20 + 600) })).banned).toBe(false);
    // After the ban the count starts again.
    expect(await recordAuthenticationFailure(ip, { policy, now: at(20 + 601) })).toEqual({ banned: false });
    expect(await failures(ip)).toBe(1);
  });

  it('starts a new count when the window is older than findtime', async () => {
    const ip = freshIp();
    await recordAuthenticationFailure(ip, { policy, now: at(0) });
    await recordAuthenticationFailure(ip, { policy, now: at(30) });
    expect(await recordAuthenticationFailure(ip, { policy, now: at(61) })).toEqual({ banned: false });
    expect(await failures(ip)).toBe(1);
  });

  it('a success resets the count but never lifts a running ban', async () => {
    const ip = freshIp();
    await recordAuthenticationFailure(ip, { policy, now: at(0) });
    await recordAuthenticationFailure(ip, { policy, now: at(1) });
    await resetAuthenticationFailures(ip, { policy, now: at(2) });
    expect(await ipBanStatus(ip, { policy, now: at(3) })).toEqual({ banned: false, hasFailures: false });
    for (let i = 0; i < 3; i++) await recordAuthenticationFailure(ip, { policy, now: at(4) });
    await resetAuthenticationFailures(ip, { policy, now: at(5) });
    expect((await ipBanStatus(ip, { policy, now: at(6) })).banned).toBe(true);
  });

  it('counts concurrent failures exactly', async () => {
    const ip = freshIp();
    const many = { ...policy, maxRetry: 1000 };
    await Promise.all(Array.from({ length: 25 }, () => recordAuthenticationFailure(ip, { policy: many, now: at(0) })));
    expect(await failures(ip)).toBe(25);
  });

  it('keeps addresses apart, and ignores allow-listed addresses, a missing address and a disabled policy', async () => {
    const ip = freshIp();
    const other = freshIp();
    for (let i = 0; i < 3; i++) await recordAuthenticationFailure(ip, { policy, now: at(0) });
    expect((await ipBanStatus(other, { policy, now: at(1) })).banned).toBe(false);
    const listed = freshIp();
    for (let i = 0; i < 5; i++) await recordAuthenticationFailure(listed, { policy: { ...policy, allowlist: [listed] }, now: at(0) });
    expect(await failures(listed)).toBe(0);
    expect(await recordAuthenticationFailure(null, { policy, now: at(0) })).toEqual({ banned: false });
    expect(await ipBanStatus(ip, { policy: { ...policy, enabled: false }, now: at(1) })).toEqual({ banned: false, hasFailures: false });
  });
});

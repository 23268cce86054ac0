// Sites joining the province: a site is created with a one-time code, its hub exchanges the code
// for the site's token, a revoked site's token stops at once. Code guesses are limited per address.
import { randomBytes } from 'node:crypto';
import type { SiteLevel, SiteLive } from '../main/contract/index.ts';
import { HubError } from '../main/base/errors.ts';
import { hashToken, newToken } from '../main/base/passwords.ts';
import { FailureLimiter } from '../main/base/rateLimit.ts';
import type { Clock } from '../main/base/time.ts';
import type { Log } from '../main/base/log.ts';
import type { Pool } from './db/pool.ts';
import { addJoinCode, createSite, getSite, joinWithCode, revokeSite } from './db/sites.ts';

const CODE_TTL_MS = 7 * 24 * 3_600_000;
/** 10 characters without look-alikes (0/O, 1/I): read over the phone to a commune's IT. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export class SiteJoining {
  // As the hub's pairing codes: ten wrong codes from one address, then a wait.
  private readonly codeFailures = new FailureLimiter(10, 5 * 60_000);

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
    private readonly log: Log,
    /** The site's row of the live table, as the console shows it. */
    private readonly live: (siteId: number) => Promise<SiteLive[]>,
  ) {}

  async createSite(input: {
    name: string;
    level: SiteLevel;
    district: string;
  }): Promise<{ site: SiteLive; code: string; expiresAt: number }> {
    const site = await createSite(this.pool, input, this.clock());
    const { code, expiresAt } = await this.newCode(site.id);
    // the site was created just above: its live row exists
    return { site: (await this.live(site.id))[0]!, code, expiresAt };
  }

  async newCode(siteId: number): Promise<{ code: string; expiresAt: number }> {
    if (!(await getSite(this.pool, siteId))) throw new HubError('SITE_NOT_FOUND');
    const code = [...randomBytes(10)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
    const expiresAt = this.clock() + CODE_TTL_MS;
    await addJoinCode(this.pool, siteId, hashToken(code), expiresAt);
    return { code, expiresAt };
  }

  async join(code: string, ip: string): Promise<{ siteId: number; siteName: string; token: string }> {
    const now = this.clock();
    const wait = this.codeFailures.retryAfter(ip, now);
    if (wait > 0) throw new HubError('TOO_MANY_ATTEMPTS', { retryAfterMs: wait });
    // Counted first, as login is: guesses sent in parallel would otherwise all pass the check.
    this.codeFailures.fail(ip, now);
    const token = newToken();
    const site = await joinWithCode(this.pool, hashToken(code), hashToken(token), now);
    if (!site) throw new HubError('PAIRING_CODE_INVALID');
    this.codeFailures.forgiveOne(ip, now);
    this.log.info({ siteId: site.id, name: site.name }, 'site joined');
    return { siteId: site.id, siteName: site.name, token };
  }

  async revoke(siteId: number): Promise<void> {
    if (!(await revokeSite(this.pool, siteId, this.clock()))) throw new HubError('SITE_NOT_FOUND');
    this.log.info({ siteId }, 'site revoked');
  }
}

import { cloudCollection } from '../database/cloudDatabase';
import { createLogger } from '../log/logger';
import { registerSecret } from '../secrets/redact';
import type { Deadline } from '../core/deadline';
import { databaseStep } from '../tokens/databaseStep';
import { authorizerTokenKey } from './authorizerTokenKey';
import { fingerprint, type AuthorizerRecord, type Decision } from './authorizerRegistry';
import type { ComponentSetup } from './componentSetup';
import { currentClock } from '../core/clock';

/**
 * The record of one authorizer as a call uses it, read within `deadline` (a database step's
 * deadline: databaseStep.ts). Usually one read. Two cases write first, each a compare-and-set
 * (docs/authorizer-lifecycle.md):
 * - a record in the shape written before the refresh token, access token and lease lived together
 *   (no `generation`) is merged once with what the token collection carried for it: the newer of
 *   the two refresh tokens, and a still-valid access token;
 * - for the account the environment configures, AUTHORIZER_REFRESH_TOKEN creates the record when
 *   there is none. It never overwrites one: an insert that fails because the record exists means
 *   another instance created it (and may have rotated the seed already); that record is used.
 */
export function currentRecord(setup: ComponentSetup, authorizerAppid: string, deadline: Deadline): Promise<AuthorizerRecord | undefined> {
  // Concurrent calls of the instance share one read (and one merge or seeding): 200 calls arriving
  // at a cold instance make one round trip, not 200. A read shared is a read made a moment
  // earlier: every write after it is a compare-and-set, so nothing can act on it wrongly.
  const key = `${setup.id}|${authorizerAppid}`;
  let reading = readsInFlight.get(key);
  if (!reading) {
    reading = readCurrentRecord(setup, authorizerAppid, deadline).finally(() => readsInFlight.delete(key));
    readsInFlight.set(key, reading);
  }
  return reading;
}

const readsInFlight = new Map<string, Promise<AuthorizerRecord | undefined>>();

async function readCurrentRecord(setup: ComponentSetup, authorizerAppid: string, deadline: Deadline): Promise<AuthorizerRecord | undefined> {
  const seed = seedFor(setup, authorizerAppid);
  const record = await setup.registry.read(authorizerAppid, deadline);
  if (record && (record.generation !== undefined || record.revoked)) {
    if (seed !== undefined) warnIfSeedDiffers(setup, record, seed);
    return record;
  }
  if (!record && seed === undefined) return undefined;
  const legacy = await legacyTokenDocument(setup, authorizerAppid, deadline);
  const { record: merged } = await setup.registry.change(
    authorizerAppid,
    (current) => mergeDecision(setup, authorizerAppid, current, legacy, seed),
    deadline,
    record ? 'merging the authorizer record' : 'seeding the authorizer',
    { known: record, evenIfStalled: false },
  );
  return merged;
}

/**
 * `currentRecord` within the call's first database step (what is left, less what the token fetch
 * and the WeChat call need). For the account the environment configures
 * (AUTHORIZER_APPID + AUTHORIZER_REFRESH_TOKEN), the variable stands in for the record when the
 * database does not answer: availability over sharing, as for the token store. Any other account
 * is known only through the registry, so its failure (DATABASE_TIMEOUT, -910013, when it does not
 * answer in time) ends the call.
 */
export async function authorizerRecord(
  setup: ComponentSetup,
  authorizerAppid: string,
  deadline: Deadline,
  onStoreError: (cause: unknown) => void,
): Promise<AuthorizerRecord | undefined> {
  const seed = seedFor(setup, authorizerAppid);
  try {
    return await currentRecord(setup, authorizerAppid, databaseStep(deadline));
  } catch (thrown) {
    if (seed === undefined) throw thrown;
    onStoreError(thrown);
    return seededRecord(setup.config.componentAppid, authorizerAppid, seed);
  }
}

function seedFor(setup: ComponentSetup, authorizerAppid: string): string | undefined {
  const seed = authorizerAppid === setup.config.authorizerAppid ? setup.config.refreshToken : undefined;
  registerSecret(seed);
  return seed;
}

type LegacyTokenDocument = { token?: unknown; expiresAt?: unknown; refreshAt?: unknown; rejected?: unknown; updatedAt?: unknown; carry?: { refreshToken?: unknown; refreshOrigin?: unknown } };

/** What the token collection held for this authorizer before its token moved into the record. */
async function legacyTokenDocument(setup: ComponentSetup, authorizerAppid: string, deadline: Deadline): Promise<LegacyTokenDocument | undefined> {
  const key = authorizerTokenKey(setup.config.componentAppid, authorizerAppid);
  const result = await cloudCollection(setup.tokenCollection).run((c) => c.where({ _id: key }).get(), deadline, 'reading the authorizer\'s former token document');
  const doc = result.data[0] as LegacyTokenDocument | undefined;
  registerSecret(doc?.token);
  registerSecret(doc?.carry?.refreshToken);
  return doc;
}

type Merge = 'merged' | 'seeded' | 'current' | 'absent';

function mergeDecision(setup: ComponentSetup, authorizerAppid: string, record: AuthorizerRecord | undefined, legacy: LegacyTokenDocument | undefined, seed: string | undefined): Decision<Merge> {
  if (record && (record.generation !== undefined || record.revoked)) return { keep: 'current' };
  const now = currentClock().now();
  const carried = typeof legacy?.carry?.refreshToken === 'string' && legacy.carry.refreshToken !== '' ? legacy.carry.refreshToken : undefined;
  const carriedAt = typeof legacy?.updatedAt === 'number' ? legacy.updatedAt : 0;
  const access =
    typeof legacy?.token === 'string' && legacy.token !== '' && legacy.rejected !== true && typeof legacy.expiresAt === 'number' && legacy.expiresAt > now
      ? { accessToken: legacy.token, expiresAt: legacy.expiresAt, refreshAt: typeof legacy.refreshAt === 'number' ? legacy.refreshAt : 0 }
      : { accessToken: '', expiresAt: 0, refreshAt: 0 };
  const fresh = { ...access, rejected: false, leaseUntil: 0, leaseOwner: '', refreshTokenAt: now };
  if (record) {
    // The carried copy is the newer one when it was saved after the record last changed: the
    // registry's save of a rotated token failed while the token store's succeeded.
    const newest = carried !== undefined && carried !== record.refreshToken && carriedAt > (record.refreshTokenAt ?? record.updatedAt ?? 0) ? carried : record.refreshToken;
    return { set: { refreshToken: newest, ...fresh }, outcome: 'merged' };
  }
  if (seed === undefined) return { keep: 'absent' };
  // The configured account used to keep its rotated refresh token only in the token collection,
  // tagged with the fingerprint of the variable it descends from.
  const seedFingerprint = fingerprint(seed);
  const descends = carried !== undefined && legacy?.carry?.refreshOrigin === seedFingerprint;
  return {
    create: {
      componentAppid: setup.config.componentAppid, authorizerAppid, refreshToken: descends ? carried : seed, ...fresh,
      funcIds: null, authorizedAt: now, revoked: false, lastEventAt: 0, seedFingerprint, source: 'environment',
    },
    outcome: 'seeded',
  };
}

const warnedSeeds = new Set<string>();

/**
 * A changed AUTHORIZER_REFRESH_TOKEN is not applied over an existing record: it could be an older
 * token than the one the record holds (two versions deployed side by side), and writing it back
 * would retire the live one. Said once per instance, without the token.
 */
function warnIfSeedDiffers(setup: ComponentSetup, record: AuthorizerRecord, seed: string): void {
  const seedFingerprint = fingerprint(seed);
  if (record.seedFingerprint === seedFingerprint || record.refreshToken === seed || warnedSeeds.has(`${record._id}|${seedFingerprint}`)) return;
  warnedSeeds.add(`${record._id}|${seedFingerprint}`);
  createLogger({ component: 'authorizers', authorizerAppid: record.authorizerAppid, componentAppid: setup.config.componentAppid }).warn(
    'AUTHORIZER_REFRESH_TOKEN is not applied: the registry already holds a refresh token for this account (seeding only creates a record). To replace it, authorize again or reconcile from WeChat\'s authorizer list',
  );
}

/** What seeding would store, kept in memory only: the granted sets are unknown, so WeChat decides. */
function seededRecord(componentAppid: string, authorizerAppid: string, refreshToken: string): AuthorizerRecord {
  const now = currentClock().now();
  return {
    _id: `${componentAppid}:${authorizerAppid}`,
    componentAppid,
    authorizerAppid,
    refreshToken,
    funcIds: null,
    authorizedAt: now,
    revoked: false,
    lastEventAt: 0,
    seedFingerprint: fingerprint(refreshToken),
    source: 'environment',
    updatedAt: now,
  };
}

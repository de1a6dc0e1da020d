import type { Deadline } from '../core/deadline';
import type { FetchedToken, StoredToken, TokenStore } from '../tokens/types';
import { fingerprint, REMOVE, type AuthorizerRecord, type Decision } from './authorizerRegistry';
import { currentRecord } from './authorizerRecord';
import type { ComponentSetup } from './componentSetup';

/** The record seen as the token lifecycle sees it; `record` rides along for the compare-and-sets. */
export type StoredAuthorizerToken = StoredToken & Record<string, unknown> & { record: AuthorizerRecord; revoked: boolean };

export function storedTokenOf(record: AuthorizerRecord): StoredAuthorizerToken {
  return {
    ...(record.accessToken ? { token: record.accessToken } : {}),
    expiresAt: record.expiresAt ?? 0,
    refreshAt: record.refreshAt ?? 0,
    rejected: record.rejected === true,
    leaseUntil: record.leaseUntil ?? 0,
    leaseOwner: record.leaseOwner ?? '',
    generation: record.generation,
    ...(record.refreshToken ? { carry: { refreshToken: record.refreshToken } } : {}),
    revoked: record.revoked,
    record,
  };
}

const recordOf = (stored: StoredToken | undefined): AuthorizerRecord | undefined => (stored as Partial<StoredAuthorizerToken> | undefined)?.record;

/**
 * The token store of one authorizer: its record in the registry, which holds the refresh token,
 * the current access token and the refresh lease together (docs/authorizer-lifecycle.md). The
 * lease is a compare-and-set on the generation read; a save replaces the refresh token only if
 * the record still holds the one the refresh started from (`carry.replaces`) or already the new
 * one, so an older token can never replace a newer one; each of them bumps the generation.
 */
export function createAuthorizerTokenStore(setup: ComponentSetup, authorizerAppid: string): TokenStore {
  const { registry } = setup;
  const seed = authorizerAppid === setup.config.authorizerAppid ? setup.config.refreshToken : undefined;

  return {
    async read(_key, deadline) {
      const record = await currentRecord(setup, authorizerAppid, deadline);
      return record && storedTokenOf(record);
    },

    async acquireLease(_key, owner, now, until, seen, deadline) {
      const record = recordOf(seen);
      if (!record || record.generation === undefined || record.revoked) return undefined;
      if ((record.leaseUntil ?? 0) >= now && record.leaseOwner !== owner) return undefined;
      const generation = record.generation + 1;
      const taken = await registry.updateWhere(
        authorizerAppid,
        () => ({ generation: record.generation, refreshToken: record.refreshToken }),
        () => ({ leaseOwner: owner, leaseUntil: until, generation }),
        deadline,
        'taking the refresh lease',
      );
      return taken === 1 ? storedTokenOf({ ...record, leaseOwner: owner, leaseUntil: until, generation }) : undefined;
    },

    async save(_key, owner, token: FetchedToken, leased, deadline) {
      const rotated = token.carry?.refreshToken;
      if (!rotated) return undefined;
      const replaces = token.carry?.replaces ?? rotated;
      const { record, outcome } = await registry.change(
        authorizerAppid,
        (current): Decision<'saved' | 'superseded'> => {
          const fields = { accessToken: token.token, expiresAt: token.expiresAt, refreshAt: token.refreshAt, rejected: false };
          if (!current) {
            // The environment's account whose record could not be created before (the database
            // did not answer): created now, with the token its seed rotated to.
            if (seed === undefined || replaces !== seed) return { keep: 'superseded' };
            const now = deadline.clock.now();
            return {
              create: {
                componentAppid: setup.config.componentAppid, authorizerAppid, refreshToken: rotated, refreshTokenAt: now, ...fields, leaseUntil: 0, leaseOwner: '',
                funcIds: null, authorizedAt: now, revoked: false, lastEventAt: 0, seedFingerprint: fingerprint(seed), source: 'environment',
              },
              outcome: 'saved',
            };
          }
          // Saved already (an earlier attempt whose answer was lost was applied).
          if (current.refreshToken === rotated && current.accessToken === token.token) return { keep: 'saved' };
          // Revoked, re-authorized or replaced from WeChat's list since: that is newer than this.
          if (current.revoked || (current.refreshToken !== replaces && current.refreshToken !== rotated)) return { keep: 'superseded' };
          return {
            set: {
              refreshToken: rotated,
              ...(current.refreshToken !== rotated ? { refreshTokenAt: deadline.clock.now() } : {}),
              ...fields,
              // The held token just worked: a mark for reconcile made on it is answered.
              ...(current.attention ? { attention: REMOVE } : {}),
              // The lease is released only by its holder; a takeover's lease stays with it.
              ...(current.leaseOwner === owner ? { leaseUntil: 0 } : {}),
            },
            outcome: 'saved',
          };
        },
        deadline,
        'saving the refreshed token',
        { known: recordOf(leased), evenIfStalled: true, retries: 0 },
      );
      return outcome === 'saved' && record ? storedTokenOf(record) : undefined;
    },

    async releaseLease(_key, owner, deadline) {
      await registry.updateWhere(authorizerAppid, () => ({ leaseOwner: owner }), (_) => ({ leaseUntil: 0, generation: _.inc(1) }), deadline, 'releasing the refresh lease');
    },

    async reject(_key, token, deadline: Deadline) {
      await registry.updateWhere(authorizerAppid, () => ({ accessToken: token }), (_) => ({ rejected: true, refreshAt: 0, generation: _.inc(1) }), deadline, 'marking the access token rejected');
    },
  };
}

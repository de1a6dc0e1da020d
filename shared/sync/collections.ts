import { cloudCollection, type CloudCollection } from '../database/cloudDatabase';
import type { ListKind } from './accounts';

/**
 * The collections the sync keeps (README, "Reading the lists from a Mini Program"). Created on
 * first use; give each the "only admins" read rule the README names.
 */
export const COLLECTION_NAMES = {
  plugin: 'plugin_applicants',
  embedded: 'embedded_authorizations',
  changes: 'list_changes',
  state: 'sync_state',
  notifications: 'notifications',
} as const;

let cached: Record<keyof typeof COLLECTION_NAMES, CloudCollection> | undefined;

/** One handle per collection for the warm instance (each remembers it has ensured its collection). */
export function syncCollections(): Record<keyof typeof COLLECTION_NAMES, CloudCollection> {
  cached ??= {
    plugin: cloudCollection(COLLECTION_NAMES.plugin),
    embedded: cloudCollection(COLLECTION_NAMES.embedded),
    changes: cloudCollection(COLLECTION_NAMES.changes),
    state: cloudCollection(COLLECTION_NAMES.state),
    notifications: cloudCollection(COLLECTION_NAMES.notifications),
  };
  return cached;
}

export const entryCollectionOf = (list: ListKind) => syncCollections()[list];

/** Document ids: one entry per appid and account; one state document per list and account. */
export const entryId = (account: string, appid: string) => `${account}:${appid}`;
export const listStateId = (list: ListKind, account: string) => `list:${list}:${account}`;

import { cloudCollection, type CloudCollection } from '../database/cloudDatabase';
import type { ListKind } from './accounts';

/**
 * The collections the sync keeps (docs/sync.md, "The collections"). Created on first use; give each
 * the "only admins" read rule that page names.
 */
export const COLLECTION_NAMES = {
  plugin: 'plugin_applicants',
  embedded: 'embedded_authorizations',
  applications: 'embedded_applications',
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
    applications: cloudCollection(COLLECTION_NAMES.applications),
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

import type { Emulator } from '../emulator';

/**
 * What the console's sync panel shows, read the way the CloudBase console's database page
 * would: straight from the (emulated) database the functions wrote, and from what the emulated
 * WeCom robot and subscribe-message service received. It models the platform, so it reads
 * documents by their stored field names and never imports the product's code.
 */
type Doc = Record<string, unknown>;

const LISTS = [
  { list: 'plugin', collection: 'plugin_applicants' },
  { list: 'embedded', collection: 'embedded_authorizations' },
  { list: 'applications', collection: 'embedded_applications' },
] as const;

function documents(emulator: Emulator, name: string): Doc[] {
  return emulator.db.collections().includes(name) ? [...emulator.db.collection(name).values()] : [];
}

function countsOf(docs: Doc[]) {
  const byStatus: Record<string, { label: string; count: number }> = {};
  let gone = 0;
  for (const doc of docs) {
    if (doc.gone === true) {
      gone += 1;
      continue;
    }
    const entry = (byStatus[String(doc.status)] ??= { label: String(doc.statusLabel ?? 'unknown'), count: 0 });
    entry.count += 1;
  }
  return { total: docs.length - gone, gone, byStatus };
}

const byNewest = (field: string) => (a: Doc, b: Doc) => Number(b[field] ?? 0) - Number(a[field] ?? 0);

/** Groups a collection's documents by the account they belong to (one list per account). */
function byAccount(docs: Doc[]): Map<string, Doc[]> {
  const groups = new Map<string, Doc[]>();
  for (const doc of docs) {
    const account = String(doc.account ?? '');
    let group = groups.get(account);
    if (!group) groups.set(account, (group = []));
    group.push(doc);
  }
  return groups;
}

export function syncView(emulator: Emulator, options: { changes?: number; entries?: number; list?: string; status?: string; account?: string } = {}) {
  const state = documents(emulator, 'sync_state');
  const lastRun = state.find((d) => d._id === 'lastRun') ?? null;
  // One row per list and account (a third-party platform syncs the lists of every authorizer);
  // a list never synced still gets its row, with no account.
  const lists = LISTS.flatMap(({ list, collection }) => {
    const groups = byAccount(documents(emulator, collection));
    for (const s of state) if (s.list === list && !groups.has(String(s.account))) groups.set(String(s.account), []);
    if (groups.size === 0) groups.set('', []);
    return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([account, docs]) => {
      const listState = state.find((d) => d.list === list && d.account === account) ?? null;
      return {
        list,
        account: account === '' ? null : account,
        collection,
        counts: countsOf(docs),
        lastCompletedAt: listState?.lastCompletedAt ?? null,
        baselineAt: listState?.baselineAt ?? null,
        inProgress: listState?.pass ? { nextPage: (listState.pass as Doc).nextPage } : null,
      };
    });
  });
  const wanted = LISTS.find((l) => l.list === options.list) ?? LISTS[0];
  const entries = documents(emulator, wanted.collection)
    .filter((d) => options.status === undefined || options.status === '' || String(d.status) === options.status)
    .filter((d) => options.account === undefined || options.account === '' || d.account === options.account)
    .sort(byNewest('createTime'))
    .slice(0, options.entries ?? 50)
    .map(({ account, appid, nickname, status, statusLabel, createTime, gone, firstSeenAt, statusChangedAt }) => ({ account, appid, nickname, status, statusLabel, createTime, gone, firstSeenAt, statusChangedAt }));
  const changes = documents(emulator, 'list_changes').sort(byNewest('at')).slice(0, options.changes ?? 30);
  const outbox = documents(emulator, 'notifications').sort(byNewest('createdAt')).slice(0, 30)
    .map(({ _id, channel, status, account, changeCount, createdAt, sentAt, attempts, lastError }) => ({ _id, channel, status, account, changeCount, createdAt, sentAt, attempts, error: (lastError as Doc | undefined)?.name ?? null }));
  return {
    lastRun,
    lists,
    entries: { list: wanted.list, account: options.account || null, rows: entries },
    changes,
    notifications: {
      outbox,
      wecom: [...emulator.outbound.wecom].reverse().slice(0, 20),
      subscribe: [...emulator.outbound.subscribe].reverse().slice(0, 20),
    },
  };
}

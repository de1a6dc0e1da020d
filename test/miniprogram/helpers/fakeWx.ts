import { clone, createFakeDatabase, type Doc } from './fakeDatabase';

/**
 * The `wx` global a page meets, faked for miniprogram-simulate (which renders pages but brings no
 * `wx`): function calls recorded and answered by per-function handlers (an unknown function is
 * refused the way the platform refuses it), the database over in-memory collections, storage,
 * modals answered by the test, the clipboard and subscription requests recorded.
 */
export interface Envelope { errCode: number; [key: string]: unknown }
export type Handler = (event: Record<string, any>) => Envelope | Promise<Envelope>;

export interface FakeWxOptions {
  language?: string;
  functions?: Record<string, Handler>;
  collections?: Record<string, Doc[]>;
  dbFailures?: Record<string, { errCode: number; errMsg: string }>;
  storage?: Record<string, unknown>;
  /** Answers each wx.showModal; default: confirmed. */
  modal?: (options: Record<string, any>) => { confirm: boolean; content?: string };
  /** Answers wx.requestSubscribeMessage; default: every template accepted. */
  subscribe?: (options: { tmplIds: string[] }) => Record<string, string>;
  /** What wx.getEnterOptionsSync reports (scene 1014: opened from a subscribe message). */
  enterOptions?: { scene: number; path?: string; query?: Record<string, string> };
}

export function createFakeWx(options: FakeWxOptions = {}) {
  const calls: Array<{ name: string; data: Record<string, any> }> = [];
  const modals: Array<Record<string, any>> = [];
  const clipboard: string[] = [];
  const toasts: string[] = [];
  const subscriptions: Array<{ tmplIds: string[] }> = [];
  const storage: Record<string, unknown> = { ...(options.storage ?? {}) };
  const database = createFakeDatabase(options.collections ?? {}, options.dbFailures ?? {});
  const functions = options.functions ?? {};

  const wx = {
    getAppBaseInfo: () => ({ language: options.language ?? 'zh_CN', SDKVersion: '3.0.0' }),
    getSystemInfoSync: () => ({ language: options.language ?? 'zh_CN' }),
    cloud: {
      init: () => undefined,
      database: () => database.db,
      callFunction: async ({ name, data }: { name: string; data: Record<string, any> }) => {
        calls.push({ name, data: clone(data) });
        const handler = functions[name];
        if (!handler) throw { errCode: -501000, errMsg: `cloud.callFunction:fail -501000 FunctionName parameter could not be found. (${name})` };
        return { result: await handler(data), errMsg: 'cloud.callFunction:ok' };
      },
    },
    getStorageSync: (key: string) => (key in storage ? storage[key] : ''),
    setStorageSync: (key: string, value: unknown) => void (storage[key] = value),
    removeStorageSync: (key: string) => void delete storage[key],
    showModal: (opts: Record<string, any>) => {
      modals.push(opts);
      const answer = options.modal ? options.modal(opts) : { confirm: true };
      opts.success?.({ confirm: answer.confirm, cancel: !answer.confirm, content: answer.content ?? '' });
    },
    showToast: (opts: { title: string }) => void toasts.push(opts.title),
    setClipboardData: (opts: { data: string; success?: () => void }) => {
      clipboard.push(opts.data);
      opts.success?.();
    },
    requestSubscribeMessage: (opts: { tmplIds: string[]; success?: (r: Record<string, string>) => void; fail?: (e: unknown) => void }) => {
      subscriptions.push({ tmplIds: opts.tmplIds });
      const answer = options.subscribe ? options.subscribe(opts) : Object.fromEntries(opts.tmplIds.map((id) => [id, 'accept']));
      opts.success?.({ ...answer, errMsg: 'requestSubscribeMessage:ok' });
    },
    getEnterOptionsSync: () => options.enterOptions ?? { scene: 1001, path: 'pages/applicants/applicants', query: {} },
    setNavigationBarTitle: () => undefined,
    setTabBarItem: () => undefined,
    stopPullDownRefresh: () => undefined,
    previewImage: () => undefined,
  };
  return { wx, calls, modals, clipboard, toasts, subscriptions, storage, dbLog: database.log };
}

export type FakeWx = ReturnType<typeof createFakeWx>;

/**
 * The shapes the console page works with, for the type checker (localcloud/console/tsconfig.json,
 * run by `npm run typecheck`). The page's modules name them in JSDoc (`import('./types').X`);
 * this file is never served (the server serves only *.js, *.css and *.html by plain names).
 */

export type Lang = 'en' | 'zh';
export type Vars = Readonly<Record<string, string | number>>;
/** One entry of the string table: a language may be missing (then English, then the key shows). */
export type Strings = Readonly<Record<string, { en?: string; zh?: string }>>;

// ---- what the local cloud answers (localcloud/server.ts) -----------------------------------

export interface FunctionInfo {
  name: string;
  description: string;
  timeoutSeconds: number;
  memoryMb: number;
  exampleEvent: unknown;
  /** The function's AUTHORIZER_APPID: the account "default" means in the authorizer picker. */
  defaultAuthorizerAppid: string | null;
  /** Its HTTP access path (componentEvents), or null. */
  httpPath: string | null;
}

export type CallerKind = 'admin' | 'user' | 'console' | 'timer' | 'devtools';

export interface CallerInfo {
  kind: CallerKind;
  label: string;
  source: string;
  defaultOpenid?: string;
}

export interface FunctionList {
  functions: FunctionInfo[];
  callers: CallerInfo[];
}

/** Who calls, as POST /api/invoke takes it. */
export type Caller =
  | { kind: 'user'; openid: string }
  | { kind: 'timer'; fromDevtools: boolean }
  | { kind: 'admin' | 'console' | 'devtools' };

export interface CallRecord {
  kind: string;
  api: string;
  query?: Record<string, string>;
  params?: unknown;
  wxCloudApiToken?: boolean;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export type Outcome = 'returned' | 'timeout' | 'error' | 'crashed';

/** POST /api/invoke's answer: the function's result and what the platform saw of the call. */
export interface InvokeResponse {
  result: unknown;
  outcome: Outcome;
  ms: number;
  requestId: string;
  instance: { id: number; cold: boolean };
  upstream: CallRecord[];
  upstreamShared: boolean;
  logs: LogLine[];
}

export interface FieldIssue {
  field: string;
  expected: string;
  received?: string;
}

/** A function's error (shared/errors): `hint` is English text now, `{ zh, en }` once the catalog has both. */
export interface ErrorBody {
  code: number;
  name?: string;
  message?: { zh?: string; en?: string };
  hint?: string | { zh?: string; en?: string };
  detail?: string;
  upstreamMessage?: string;
  issues?: FieldIssue[];
}

/** A function's answer. Its other fields are read, checked, where they are used. */
export interface Envelope {
  errCode?: unknown;
  errMsg?: unknown;
  error?: ErrorBody;
  [field: string]: unknown;
}

/** Something the page could not do, as a key of the string table (a language switch re-words it). */
export interface Problem {
  key: string;
  vars?: Vars;
}

/** Every request of the page answers this way: the data, or a problem to show. */
export type Answer<T> = { ok: true; data: T } | { ok: false; problem: Problem };

// ---- the page's own parts -------------------------------------------------------------------

/** The last run the local cloud answered. */
export interface Run {
  function: string;
  event: unknown;
  caller: Caller;
  response: InvokeResponse;
}

/** Who started a run: the form (Run, Ctrl+Enter), the Next page button, or a panel by its id. */
export type RunCause = string;

export type ListKind = 'applicants' | 'authorizations';
export type Row = Readonly<Record<string, unknown>>;

/** The list table as just drawn: each shown row with its <tr>, for panels that add cells. */
export interface RenderedRows {
  kind: ListKind | null;
  envelope: Envelope | null;
  head: HTMLTableRowElement | null;
  rows: Array<{ row: Row; tr: HTMLTableRowElement }>;
}

/** Where panels put their parts. */
export interface Slots {
  /** In the request card, under the function's description. */
  request: HTMLElement;
  /** Above the list table (bars that act on its rows). */
  records: HTMLElement;
  /** The right-hand column, under the response card. */
  column: HTMLElement;
  /** The whole width, under both columns. */
  wide: HTMLElement;
}

/** What a panel gets from the page: handed to its mount(), never a global. */
export interface ConsoleApp {
  slots: Slots;
  functions(): readonly FunctionInfo[];
  selectedFunction(): FunctionInfo | undefined;
  onFunctionChange(listener: (fn: FunctionInfo) => void): void;
  /** The caller picked in the form, as POST /api/invoke takes it. */
  caller(): Caller;
  /** The editor's event when it is a JSON object, else undefined. */
  editorEvent(): Record<string, unknown> | undefined;
  /** Puts an event into the editor (remembered for the function, like a typed edit). */
  setEvent(event: unknown): void;
  /** Told after the editor's event changed (typed, or set). */
  onEventChange(listener: () => void): void;
  /** Runs the selected function with the editor's event; settles once the page has shown the answer. */
  run(cause?: RunCause): Promise<void>;
  current(): Run | null;
  onRunStart(listener: (cause: RunCause) => void): void;
  onResult(listener: (run: Run) => void): void;
  onRows(listener: (rendered: RenderedRows) => void): void;
}

export interface Panel {
  id: string;
  mount(app: ConsoleApp): void;
}

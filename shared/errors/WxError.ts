import { excerpt } from '../core/excerpt';
import { redact } from '../secrets/redact';
import type { CatalogEntry, ErrorSource, Hint, HintContext, RetryClass } from './catalog';

/**
 * The catalog, read when the first error is built: required here rather than imported, so a
 * built function keeps its texts in a file of their own that a call which succeeds never reads
 * (tools/firstUseFiles.ts, docs/performance.md).
 */
const catalog = (): typeof import('./catalog') => require('./catalog');

/** One problem with an input or an upstream body, naming the field (`page`, `apply_list[3].status`). */
export interface FieldIssue {
  field: string;
  expected: string;
  received?: string;
}

export interface WxErrorOptions extends HintContext {
  /** What the platform said, verbatim (redacted). */
  upstreamMessage?: string;
  requestId?: string;
  httpStatus?: number;
  issues?: FieldIssue[];
  /** A more specific English message; the catalog's stays as `en`. */
  detail?: string;
  /** A failure that caused this one (e.g. the token endpoint's own error). */
  cause?: WxError;
  /** The upstream whose failure this is; by default the cause's (see `WxError.upstream`). */
  upstream?: string;
}

/** The serializable part of an error: what callers receive in `envelope.error`. */
export interface ErrorBody {
  code: number;
  name: string;
  source: ErrorSource;
  message: { zh: string; en: string };
  retryable: boolean;
  /** What to do about it, in both languages (`zh`, `en`), like `message`. */
  hint: Hint;
  detail?: string;
  upstreamMessage?: string;
  requestId?: string;
  httpStatus?: number;
  issues?: FieldIssue[];
  cause?: ErrorBody;
}

/**
 * What one error may carry of text that came from outside (a caller's event, an upstream's
 * message): an error envelope obeys the size limit a result does, so each part is a short,
 * marked excerpt (core/excerpt.ts) and at most MAX_ISSUES issues are listed, the rest counted
 * (docs/retries-and-deadlines.md, "What errors echo").
 */
export const ERROR_TEXT_LIMITS = { detail: 2000, upstreamMessage: 1000, issueText: 200 } as const;
export const MAX_ISSUES = 20;

/** Redacted first, then cut: a secret cut in half would no longer be recognised. */
const bounded = (text: string, max: number) => excerpt(redact(text), max);

function boundedIssues(issues: FieldIssue[]): FieldIssue[] {
  const shown = issues.slice(0, MAX_ISSUES).map((i): FieldIssue =>
    stripUndefined({
      field: bounded(i.field, ERROR_TEXT_LIMITS.issueText),
      expected: bounded(i.expected, ERROR_TEXT_LIMITS.issueText),
      received: i.received === undefined ? undefined : bounded(i.received, ERROR_TEXT_LIMITS.issueText),
    }),
  );
  if (issues.length > MAX_ISSUES) shown.push({ field: '…', expected: `${issues.length - MAX_ISSUES} more issue(s), not listed` });
  return shown;
}

/**
 * The one error type this package throws internally. Built only by `createError` (factory.ts)
 * from a raw code; every free-text part is redacted and bounded here, when the error is built, so
 * no later path (envelope, log, stack trace) can leak a credential or outgrow the size limit.
 */
export class WxError extends Error {
  readonly code: number;
  readonly entry: CatalogEntry;
  readonly body: ErrorBody;
  /**
   * The upstream whose failure this is (the WeChat API, one token endpoint, the token service):
   * set by the sender whose attempt failed, and inherited from the cause by an error that wraps
   * it (TOKEN_PROVIDER_FAILED over a token endpoint's 502). A sender retries only its own
   * upstream's failures: another's were already retried by that upstream's own sender, within
   * the invocation's one budget per upstream (shared/transport/retryBudget.ts). Not serialized.
   */
  upstream: string | undefined;
  private readonly retryClass: RetryClass;

  constructor(code: number, options: WxErrorOptions = {}) {
    const entry = catalog().lookup(code);
    const detail = options.detail === undefined ? undefined : bounded(options.detail, ERROR_TEXT_LIMITS.detail);
    super(redact(`${code} ${entry.name}: ${detail ?? entry.en}`));
    this.name = 'WxError';
    this.code = code;
    this.entry = entry;
    this.upstream = options.upstream ?? options.cause?.upstream;
    const hint = typeof entry.hint === 'function' ? entry.hint(options) : entry.hint;
    // A failure wrapping one that asking again cannot fix (e.g. TOKEN_PROVIDER_FAILED over an
    // unreadable body or a refusal) cannot be fixed by asking again either.
    this.retryClass = entry.retry === 'backoff' && options.cause?.retry === 'never' ? 'never' : entry.retry;
    this.body = stripUndefined({
      code,
      name: entry.name,
      source: entry.source,
      message: { zh: entry.zh, en: entry.en },
      retryable: this.retryClass !== 'never',
      hint,
      detail,
      upstreamMessage: options.upstreamMessage === undefined ? undefined : bounded(options.upstreamMessage, ERROR_TEXT_LIMITS.upstreamMessage),
      requestId: options.requestId,
      httpStatus: options.httpStatus,
      issues: options.issues === undefined ? undefined : boundedIssues(options.issues),
      cause: options.cause?.body,
    });
  }

  get retry(): RetryClass {
    return this.retryClass;
  }

  toJSON(): ErrorBody {
    return this.body;
  }
}

function stripUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

import type { Caller } from './types';

/** The caller kinds the console offers, in its order, with what a person reads. */
export const CALLER_KINDS = [
  { kind: 'admin', label: 'Mini Program admin', source: 'wx_client' },
  { kind: 'user', label: 'Mini Program user', source: 'wx_client' },
  { kind: 'console', label: 'Console test run', source: '' },
  { kind: 'timer', label: 'Timer trigger', source: 'wx_trigger' },
  { kind: 'devtools', label: 'WeChat DevTools', source: 'wx_devtools' },
] as const;

const OPENID = /^[A-Za-z0-9_-]{1,128}$/;
const SOURCE = /^[a-z_]+(,[a-z_]+)*$/;

/** Reads a caller from untrusted JSON (the console's POST /api/invoke); throws a message on error. */
export function parseCaller(input: unknown): Caller {
  if (input === undefined) return { kind: 'admin' };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new Error('caller must be an object such as {"kind":"admin"}');
  const { kind, openid, source, fromDevtools } = input as Record<string, unknown>;
  if (openid !== undefined && openid !== '' && (typeof openid !== 'string' || !OPENID.test(openid))) {
    throw new Error('caller.openid must be letters, digits, "_" or "-"');
  }
  const id = typeof openid === 'string' && openid !== '' ? { openid } : {};
  switch (kind) {
    case 'admin':
    case 'user':
    case 'devtools':
      return { kind, ...id };
    case 'console':
      return { kind };
    case 'timer':
      return { kind, ...(fromDevtools === true ? { fromDevtools: true } : {}) };
    case 'source':
      if (typeof source !== 'string' || !SOURCE.test(source)) throw new Error('caller.source must be a TCB_SOURCE value such as wx_http or wx_client,scf');
      return { kind, source, ...id };
    default:
      throw new Error(`caller.kind must be one of ${[...CALLER_KINDS.map((c) => c.kind), 'source'].join(', ')}`);
  }
}

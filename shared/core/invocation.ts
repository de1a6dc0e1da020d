import type { Deadline } from './deadline';
import type { Logger } from './logger';

/** Who is calling, as the caller decision (shared/auth/authorizeCaller.ts) established it. */
export interface Caller {
  /** The source that started the call chain (`wx_client` for `wx_client,scf`), or `console`. */
  source: string;
  openid?: string;
}

/** What one invocation hands every use case: who called, until when, its id, its variables and its log. */
export interface Invocation {
  caller: Caller;
  deadline: Deadline;
  requestId?: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
}

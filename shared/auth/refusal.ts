import type { Deadline } from '../core/deadline';
import type { Logger } from '../core/logger';
import type { WxError } from '../errors';
import type { WxContext } from './wxContext';

/** A caller the decision refused, handed to a function that wants to record it (the refused-write audit). */
export interface Refusal {
  error: WxError;
  /** The event as it came, unvalidated. */
  event: unknown;
  context: WxContext;
  deadline: Deadline;
  requestId?: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
}

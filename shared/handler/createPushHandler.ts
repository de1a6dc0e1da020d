import { componentSetupOf } from '../authorizers/componentSetup';
import { answerAuthorizationRedirect, isAuthorizationRedirect } from '../component/redirectPage';
import { CONSOLE_SOURCE } from '../auth/callerPolicy';
import { readCallerContext } from '../auth/wxContext';
import { LOCAL, toWxError } from '../errors';
import { createLogger } from '../log/logger';
import { applyPush } from '../pushes/applyPush';
import { componentConfigFromEnv } from '../pushes/componentConfig';
import { readHttpEvent, textAnswer, type HttpAnswer } from '../pushes/httpAccess';
import { openPush, refusal } from '../pushes/openPush';
import { pushConfigFromEnv } from '../pushes/pushConfig';
import { currentClock } from '../core/clock';
import { deadlineFromContext } from '../core/deadline';
import { readRequestId } from './requestId';

/**
 * The handler of the open platform's "authorization event URL", reached through the HTTP access
 * service from the public internet (no OPENID; what that service puts in TCB_SOURCE is not
 * documented, and `wx_http` is something else: docs/platform/call-sources.md). The push's
 * signature is its only authentication, so the caller's source decides nothing, and the
 * function does nothing but take pushes and the authorization redirect (a GET carrying
 * `auth_code`, checked by its own signed parameter: shared/component/redirectPage.ts). Pushes:
 * verified and stored, it answers `success` (WeChat's 5-second window: the function's timeout
 * in config.json is 5 s); refused, a 4xx with a short reason; not stored (configuration,
 * database, WeChat), a 500 so that WeChat delivers it again. Never throws.
 */
export function createPushHandler(name: string): (event: unknown, context?: unknown) => Promise<HttpAnswer> {
  return async (event, context) => {
    const clock = currentClock();
    const startedAt = clock.now();
    // The source as the caller decision reads it (TCB_SOURCE, with or without context keys); for the log only.
    const log = createLogger({ fn: name, requestId: readRequestId(context), source: readCallerContext(process.env).SOURCE ?? CONSOLE_SOURCE });
    try {
      const deadline = deadlineFromContext(context, startedAt, clock);
      const request = readHttpEvent(event);
      if (!request) throw refusal(400, 'not an HTTP access event');
      if (isAuthorizationRedirect(request)) return await answerAuthorizationRedirect(request, process.env, deadline, log);
      const push = openPush(request, pushConfigFromEnv(process.env), clock.now());
      const setup = componentSetupOf(componentConfigFromEnv(process.env), process.env);
      const result = await applyPush(push, setup, deadline, log);
      log.info('push', { ...result, ms: clock.now() - startedAt });
      return textAnswer(200, 'success');
    } catch (thrown) {
      const error = toWxError(thrown, { functionName: name });
      if (error.code === LOCAL.PUSH_REJECTED) {
        const status = error.body.httpStatus ?? 400;
        log.warn('push refused', { status, reason: error.body.detail, ms: clock.now() - startedAt });
        return textAnswer(status, error.body.detail ?? 'refused');
      }
      log.error('push not stored', { errCode: error.code, name: error.entry.name, detail: error.body.detail, cause: error.body.cause?.code, ms: clock.now() - startedAt });
      return textAnswer(500, `not stored: ${error.entry.name}`);
    }
  };
}

import { createError, LOCAL } from '../errors';
import type { Deadline } from '../core/deadline';

/**
 * Races a database operation against the invocation's deadline (docs/errors.md, "What always
 * holds": every database call is bounded by it). The SDK's own request timeout is about 15 s
 * (docs/platform/cloud-wire.md, "Database calls"), far past a 3 s function limit, and the platform
 * would kill the function before it could answer. The operation itself cannot be cancelled through
 * the SDK; its late answer or failure is swallowed so it never surfaces as an unhandled rejection.
 */
export function boundedByDeadline<T>(operation: Promise<T>, deadline: Deadline, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = deadline.clock.after(deadline.remaining(), () => {
      operation.catch(() => undefined);
      reject(createError(LOCAL.DATABASE_TIMEOUT, { detail: `${what} did not answer before the function's deadline.` }));
    });
    timer.unref?.();
    operation.then(
      (value) => {
        timer.cancel();
        resolve(value);
      },
      (error: unknown) => {
        timer.cancel();
        reject(error);
      },
    );
  });
}

/**
 * What a caller receives when the platform, not the function, ends an invocation. The shapes
 * follow what `wx.cloud.callFunction` reports: `errCode: -504003` when the function ran past its
 * time limit ("Invoking task timed out after N seconds"), `-504002 functions execute fail` when
 * it threw or its process died, and `-604001` when the result is over 1 MB
 * (docs/platform/limits.md, "The result: at most 1 MB" and "Platform error codes").
 */
export interface PlatformError {
  errCode: number;
  errMsg: string;
  platform: true;
}

export const TIMEOUT = -504003;
export const EXECUTE_FAIL = -504002;
export const RESULT_TOO_LARGE = -604001;
export const RESULT_LIMIT_BYTES = 1024 * 1024;

function failure(errCode: number, summary: string, detail: string): PlatformError {
  return { errCode, errMsg: `cloud.callFunction:fail Error: errCode: ${errCode} ${summary} | errMsg: ${detail}`, platform: true };
}

export function timeoutError(timeoutSeconds: number, requestId: string): PlatformError {
  return failure(TIMEOUT, 'functions invoke timeout', `Invoking task timed out after ${timeoutSeconds} seconds (RequestId: ${requestId})`);
}

export function executeFailError(detail: string): PlatformError {
  return failure(EXECUTE_FAIL, 'functions execute fail', detail);
}

export function resultTooLargeError(bytes: number): PlatformError {
  return failure(RESULT_TOO_LARGE, 'function result too large', `the function returned ${bytes} bytes; at most ${RESULT_LIMIT_BYTES} are allowed`);
}

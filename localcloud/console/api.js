// @ts-check
/**
 * The page's requests to the local cloud, all with one meaning for failure: an Answer is the
 * data, or a Problem (a string-table key) saying what went wrong with the request itself. A
 * function that answers with an error still answered: its envelope is in the data
 * (envelopeOf, errorOf), and the caller decides what to show.
 */
import { isObject } from './dom.js';

/** @typedef {import('./types').Answer<unknown>} AnyAnswer */
/** @typedef {import('./types').Caller} Caller */
/** @typedef {import('./types').Envelope} Envelope */
/** @typedef {import('./types').ErrorBody} ErrorBody */
/** @typedef {import('./types').InvokeResponse} InvokeResponse */

/**
 * A JSON request to the local cloud.
 * @param {'GET' | 'POST'} method
 * @param {string} url
 * @param {unknown} [body]
 * @returns {Promise<AnyAnswer>}
 */
export async function requestJson(method, url, body) {
  let response;
  try {
    response = await fetch(url, method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  } catch {
    // fetch rejects only when nothing answers: the local cloud was stopped.
    return { ok: false, problem: { key: 'error.cloudGone' } };
  }
  /** @type {unknown} */
  let data;
  try {
    data = await response.json();
  } catch {
    return { ok: false, problem: { key: 'error.request', vars: { message: `HTTP ${response.status}` } } };
  }
  if (!response.ok) {
    const message = isObject(data) && typeof data.error === 'string' ? data.error : `HTTP ${response.status}`;
    return { ok: false, problem: { key: 'error.request', vars: { message } } };
  }
  return { ok: true, data };
}

/**
 * Invokes one function on the local cloud: the one way the page and its panels run a function.
 * @param {string} fn
 * @param {unknown} event
 * @param {Caller} caller
 * @returns {Promise<import('./types').Answer<InvokeResponse>>}
 */
export async function invokeFunction(fn, event, caller) {
  const answer = await requestJson('POST', '/api/invoke', { function: fn, event, caller });
  if (!answer.ok) return answer;
  if (!isObject(answer.data) || !('result' in answer.data) || !Array.isArray(answer.data.logs)) {
    return { ok: false, problem: { key: 'error.request', vars: { message: 'the local cloud answered something other than an invocation' } } };
  }
  return { ok: true, data: /** @type {InvokeResponse} */ (/** @type {unknown} */ (answer.data)) };
}

/** The function's envelope, or null when it returned something else (an HTTP answer, a platform error). @param {InvokeResponse} response @returns {Envelope | null} */
export function envelopeOf(response) {
  return response.outcome === 'returned' && isObject(response.result) && 'errCode' in response.result ? /** @type {Envelope} */ (response.result) : null;
}

/** A value read as a function's error, when it is one (an object with a numeric code). @param {unknown} value @returns {ErrorBody | null} */
export function errorBody(value) {
  return isObject(value) && typeof value.code === 'number' ? /** @type {ErrorBody} */ (/** @type {unknown} */ (value)) : null;
}

/** The envelope's error when it answered one (errCode other than 0). @param {Envelope | null} envelope @returns {ErrorBody | null} */
export function errorOf(envelope) {
  if (!envelope || envelope.errCode === 0) return null;
  const error = errorBody(envelope.error);
  if (error) return error;
  return { code: typeof envelope.errCode === 'number' ? envelope.errCode : NaN, ...(typeof envelope.errMsg === 'string' ? { detail: envelope.errMsg } : {}) };
}

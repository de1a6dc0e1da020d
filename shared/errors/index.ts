export { LOCAL, UPSTREAM } from './codes';
// CATALOG and lookup are imported from './catalog' itself: a module that imports the catalog keeps
// it in a built function's index.js (WxError.ts says why it should not).
export type { CatalogEntry, Hint, RetryClass, ErrorSource } from './catalog';
export { WxError, type ErrorBody, type FieldIssue, type WxErrorOptions } from './WxError';
export { createError, toWxError } from './factory';

export { LOCAL, UPSTREAM } from './codes';
export { CATALOG, lookup, type CatalogEntry, type Hint, type RetryClass, type ErrorSource } from './catalog';
export { WxError, type ErrorBody, type FieldIssue, type WxErrorOptions } from './WxError';
export { createError, toWxError } from './factory';

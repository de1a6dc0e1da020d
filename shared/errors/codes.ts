/**
 * Codes this package produces itself, for failures that never reached (or never came back from)
 * the platform. They live in a range neither WeChat (positive, -1) nor CloudBase (-5xxxxx,
 * -6xxxxx) uses, so an `errCode` always says who decided it.
 */
export const LOCAL = {
  INVALID_EVENT: -910001,
  CALLER_NOT_ALLOWED: -910002,
  UPSTREAM_INVALID_BODY: -910003,
  UPSTREAM_NOT_JSON: -910004,
  UPSTREAM_HTTP_ERROR: -910005,
  NETWORK_ERROR: -910006,
  ATTEMPT_TIMEOUT: -910007,
  DEADLINE_EXCEEDED: -910008,
  TOKEN_NOT_CONFIGURED: -910009,
  TOKEN_PROVIDER_FAILED: -910010,
  CONFIG_INVALID: -910011,
  UPSTREAM_HTTP_CLIENT_ERROR: -910012,
  DATABASE_TIMEOUT: -910013,
  // -910030..-910039: management writes and audit (docs/functions/setDevPluginApplyStatus.md,
  // docs/callers.md).
  OPERATOR_NOT_ALLOWED: -910030,
  WRITE_NOT_ATTEMPTED: -910031,
  WRITE_OUTCOME_UNKNOWN: -910032,
  AUDIT_WRITE_FAILED: -910033,
  // Third-party authorizers (docs/third-party.md, "Acting for an account"): -910020..-910029.
  AUTHORIZER_UNKNOWN: -910020,
  AUTHORIZER_REVOKED: -910021,
  AUTHORIZER_PERMISSION_MISSING: -910022,
  AUTHORIZER_NEEDS_COMPONENT: -910023,
  PUSH_REJECTED: -910024,
  /** An event shaped like an HTTP access request reached a function that is not served there. */
  HTTP_ACCESS_REFUSED: -910025,
  /** Another componentAdmin reconcile holds the lease. */
  RECONCILE_IN_PROGRESS: -910026,
  // -910014..-910019: faults and limits (docs/retries-and-deadlines.md, docs/errors.md).
  RESULT_WOULD_EXCEED_LIMIT: -910014,
  UPSTREAM_UNREADABLE_BODY: -910015,
  // Reserved ranges, one per line of work, so codes never collide: -910014..-910019 faults and
  // limits; -910020..-910029 third-party authorizers; -910030..-910039 management writes and
  // audit; -910040..-910049 list sync and notifications.
  SYNC_IN_PROGRESS: -910040,
  SYNC_LIST_FAILED: -910041,
  NOTIFY_SEND_FAILED: -910042,
  INTERNAL: -910099,
} as const;

export type LocalCode = (typeof LOCAL)[keyof typeof LOCAL];

/**
 * WeChat's and CloudBase's codes that the code acts on, by the name the catalog gives them
 * (catalog.ts describes each; a test holds the two names equal). Code that decides by a code
 * names it here instead of writing the bare number.
 */
export const UPSTREAM = {
  ONLY_PENDING_CAN_BE_DECIDED: 89240,
  APPID_NOT_IN_APPLY_LIST: 89242,
  EMBEDDED_NOT_FOUND: 89421,
  EMBEDDED_DELETE_STATE_INVALID: 89422,
  EMBEDDED_ALREADY_APPLIED: 89428,
  COMPONENT_NOT_AUTHORIZED: 61003,
  AUTHORIZATION_CODE_INVALID: 61010,
  REFRESH_TOKEN_INVALID: 61023,
  OPENAPI_NOT_FOUND: -604100,
  ILLEGAL_CALL_SOURCE: -604104,
  MISSING_WX_CLOUD_API_TOKEN: -501007,
  DATABASE_REQUEST_FAILED: -502001,
  DATABASE_PERMISSION_DENIED: -502003,
  DATABASE_COLLECTION_NOT_EXIST: -502005,
} as const;

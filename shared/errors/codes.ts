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
  // -910030..-910039: management writes and audit (issue 9).
  OPERATOR_NOT_ALLOWED: -910030,
  WRITE_NOT_ATTEMPTED: -910031,
  WRITE_OUTCOME_UNKNOWN: -910032,
  AUDIT_WRITE_FAILED: -910033,
  // Third-party authorizers (issue 8): -910020..-910029.
  AUTHORIZER_UNKNOWN: -910020,
  AUTHORIZER_REVOKED: -910021,
  AUTHORIZER_PERMISSION_MISSING: -910022,
  AUTHORIZER_NEEDS_COMPONENT: -910023,
  PUSH_REJECTED: -910024,
  // -910014..-910019: faults and limits (issue 11).
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

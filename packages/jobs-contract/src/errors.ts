/** Errors raised by the contract before anything reaches Redis. */

/** Stable codes of {@link ContractError}. */
export type ContractErrorCode =
  | 'CONTRACT_ERR_UNKNOWN_JOB'
  | 'CONTRACT_ERR_JOB_NOT_PROCESSED'
  | 'CONTRACT_ERR_PAYLOAD_INVALID'
  | 'CONTRACT_ERR_PAYLOAD_TOO_LARGE'
  | 'CONTRACT_ERR_JOB_ID_INVALID'
  | 'CONTRACT_ERR_JOB_ID_TAKEN'
  | 'CONTRACT_ERR_OPTIONS_INVALID'
  | 'CONTRACT_ERR_KEY_PREFIX';

/** One reason a payload does not match its schema; `path` is like `to/email` ('' = root). */
export interface ValidationIssue {
  path: string;
  message: string;
}

/**
 * A job was refused by the contract. Messages name fields, never their values: payloads may
 * hold personal data that must not reach logs.
 */
export class ContractError extends Error {
  override readonly name = 'ContractError';
  readonly code: ContractErrorCode;
  readonly issues: readonly ValidationIssue[];

  constructor(code: ContractErrorCode, message: string, issues: readonly ValidationIssue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

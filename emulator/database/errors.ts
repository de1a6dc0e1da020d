/**
 * CloudBase database error replies: JSON {code, message}. wx-server-sdk maps `code` through
 * its TCB_ERR_CODE table (node_modules/wx-server-sdk/index.js):
 *   DATABASE_REQUEST_FAILED -502001, DATABASE_INVALID_OPERRATOR -502002 (sic),
 *   DATABASE_COLLECTION_NOT_EXIST -502005, INVALID_PARAM -501007; unknown codes -> -501001.
 */
export class DatabaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const collectionNotExist = (name: string): DatabaseError =>
  new DatabaseError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}`);

export const invalidParam = (message: string): DatabaseError => new DatabaseError('INVALID_PARAM', message);

export const invalidOperator = (operator: string): DatabaseError =>
  new DatabaseError('DATABASE_INVALID_OPERRATOR', `[InvalidParameter] unsupported operator ${operator}`);

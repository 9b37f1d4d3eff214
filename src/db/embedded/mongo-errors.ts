/** MongoDB server error codes the embedded server answers with, by name as mongod spells them. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  PathNotViable: 28,
  IndexNotFound: 27,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  CannotCreateIndex: 67,
  DocumentValidationFailure: 121,
  NotImplemented: 238,
  Location10334: 10334,
  DuplicateKey: 11000,
  Location17419: 17419,
  Location31254: 31254,
} as const;

const CODE_NAMES = new Map<number, string>(
  Object.entries(ErrorCode).map(([name, code]) => [code, name === 'Location10334' ? 'BSONObjectTooLarge' : name]),
);

/** The codeName mongod reports for a numeric error code. */
export function codeNameOf(code: number): string {
  return CODE_NAMES.get(code) ?? `Location${code}`;
}

/**
 * A command failure as mongod reports it: `{ok: 0, errmsg, code, codeName, ...extra}`.
 * Throw it anywhere inside a command handler; the router turns it into the reply.
 */
export class MongoError extends Error {
  readonly code: number;
  readonly codeName: string;
  /** Extra reply fields (keyPattern, keyValue for duplicate keys). */
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'MongoError';
    this.code = code;
    this.codeName = codeNameOf(code);
    this.extra = extra;
  }

  /** The reply document for a failed command. */
  toReply(): Record<string, unknown> {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }

  /** The entry for a `writeErrors` array (mongod omits codeName there). */
  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, ...this.extra, errmsg: this.message };
  }
}

/** Converts anything thrown while running a command into a MongoError (mingo errors become BadValue). */
export function toMongoError(error: unknown): MongoError {
  if (error instanceof MongoError) return error;
  if (error instanceof Error && error.constructor.name === 'MingoError') {
    return new MongoError(ErrorCode.BadValue, error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new MongoError(ErrorCode.InternalError, message);
}

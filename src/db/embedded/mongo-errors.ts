/** MongoDB server error codes the embedded server answers with, by name as mongod spells them. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  InvalidLength: 16,
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
  IncompatibleCollationVersion: 174,
  NotImplemented: 238,
  NoQueryExecutionPlans: 291,
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
    return scriptRefusal(error.message) ?? new MongoError(ErrorCode.BadValue, error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new MongoError(ErrorCode.InternalError, message);
}

/*
 * The server answers like a mongod started with --noscripting: client input never runs as
 * code. mingo refuses scripts with its own messages (scriptEnabled: false); these are mongod's.
 */
const SCRIPT_REFUSALS: Array<[RegExp, () => MongoError]> = [
  [/^\$where (operator )?requires 'scriptEnabled'/, () => new MongoError(6108304, 'no globalScriptEngine in $where parsing')],
  [/^\$(function|accumulator) requires 'scriptEnabled'/, () => new MongoError(31264, 'Cannot run server-side javascript without the javascript engine enabled')],
];

/** mongod's error for a script mingo refused, or undefined when the message is about something else. */
export function scriptRefusal(message: string): MongoError | undefined {
  return SCRIPT_REFUSALS.find(([pattern]) => pattern.test(message))?.[1]();
}

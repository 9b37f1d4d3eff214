import { ErrorCode, MongoError } from '../mongo-errors.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';
import { compileQuery } from './mingo-options.js';

/**
 * Enforces a collection's `validator` (a query, usually `$jsonSchema`) on a document about
 * to be written, as mongod does: `validationLevel` strict checks every write, moderate
 * only updates of documents that were valid, off none; `validationAction` warn lets the
 * write through. `previous` is the stored version for an update, undefined for an insert.
 */
export function checkDocumentValidation(options: Doc, next: Doc, previous: Doc | undefined, bypass: boolean): void {
  const validator = options.validator;
  if (bypass || !isPlainObject(validator) || Object.keys(validator).length === 0) return;
  const level = options.validationLevel ?? 'strict';
  if (level === 'off' || options.validationAction === 'warn') return;
  const query = compileQuery(validator);
  if (query.test(next)) return;
  if (level === 'moderate' && previous !== undefined && !query.test(previous)) return;
  throw new MongoError(ErrorCode.DocumentValidationFailure, 'Document failed validation', {
    errInfo: { failingDocumentId: next._id, details: { operatorName: Object.keys(validator)[0] ?? '$and' } },
  });
}

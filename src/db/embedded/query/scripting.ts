import { ErrorCode, MongoError } from '../mongo-errors.js';
import { isPlainObject, type Doc } from '../storage/document-paths.js';

/** `$where` inside an aggregation `$match` is refused by every mongod, scripting or not. */
export function refuseWhereInPipeline(pipeline: Doc[]): void {
  for (const stage of pipeline) {
    if (isPlainObject(stage.$match) && mentionsWhere(stage.$match)) {
      throw new MongoError(ErrorCode.BadValue, '$where is not allowed in this context');
    }
  }
}

function mentionsWhere(filter: Doc): boolean {
  return Object.entries(filter).some(([key, value]) => key === '$where' || (Array.isArray(value) && value.some((v) => isPlainObject(v) && mentionsWhere(v))));
}

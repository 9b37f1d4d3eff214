import type { Connection, Model, Types } from 'mongoose';
import { plainReferences } from '../account-merge-plan.js';

/**
 * The `references` step: every plain field the plan says to move is rewritten from the old
 * account to the survivor. Array fields (an event's organisers) are rewritten per document
 * so the survivor is listed once. Running it again finds nothing left to rewrite.
 */
export async function moveReferences(connection: Connection, from: Types.ObjectId, into: Types.ObjectId): Promise<void> {
  // The fields are independent of each other, so they are rewritten side by side.
  await Promise.all(
    plainReferences().map(async ({ model: name, path }) => {
      const model = connection.models[name] as Model<Record<string, unknown>> | undefined;
      if (!model) throw new Error(`account merge: model ${name} is not registered`);
      if (model.schema.path(path).instance === 'Array') await moveInArrays(model, path, from, into);
      else await model.updateMany({ [path]: from }, { $set: { [path]: into } });
    }),
  );
}

async function moveInArrays(model: Model<Record<string, unknown>>, path: string, from: Types.ObjectId, into: Types.ObjectId): Promise<void> {
  for (const doc of await model.find({ [path]: from }, { [path]: 1 }).lean()) {
    const ids = (doc[path] as Types.ObjectId[]).map((id) => (id.equals(from) ? into : id));
    const unique = ids.filter((id, i) => ids.findIndex((other) => other.equals(id)) === i);
    await model.updateOne({ _id: doc._id, [path]: from }, { $set: { [path]: unique } });
  }
}

/**
 * Moves the old account's documents of a collection with a unique per-user key one by one;
 * where the survivor already has the same thing, `onTaken` decides (usually: drop the old
 * one, or leave it as history).
 */
export async function moveEachUnlessTaken<T extends { _id: Types.ObjectId }>(
  model: Model<T>,
  field: string,
  from: Types.ObjectId,
  into: Types.ObjectId,
  onTaken: 'drop' | 'leave',
): Promise<void> {
  const docs = await model.find({ [field]: from } as never, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  for (const doc of docs) {
    try {
      await model.updateOne({ _id: doc._id } as never, { $set: { [field]: into } } as never);
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      if (onTaken === 'drop') await model.deleteOne({ _id: doc._id } as never);
    }
  }
}

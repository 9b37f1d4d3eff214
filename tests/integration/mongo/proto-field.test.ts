import { describe, expect, it } from 'vitest';
import { useTestMongo } from '../../support/mongo.js';

/** A document with an own field named `__proto__` (an object literal would set its prototype). */
function withProtoField(value: unknown): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  Object.defineProperty(doc, '__proto__', { value, enumerable: true, writable: true, configurable: true });
  return doc;
}

describe('MongoDB field named __proto__', () => {
  const mongo = useTestMongo();

  it('stores a $set __proto__ field as data, returns it, and pollutes no prototype', async () => {
    const coll = mongo.db.collection('proto_set');
    await coll.insertOne({ _id: 1 as never, name: 'Lan' });
    const result = await coll.updateOne({ _id: 1 as never }, { $set: withProtoField({ polluted: 'yes' }) });
    expect(result.modifiedCount).toBe(1);
    const doc = await coll.findOne({ _id: 1 as never });
    expect(Object.keys(doc ?? {})).toEqual(['_id', 'name', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(doc, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps an inserted __proto__ field and its siblings through a projection and a nested $set', async () => {
    const coll = mongo.db.collection('proto_insert');
    await coll.insertOne({ _id: 1 as never, ...withProtoField({ a: 1 }), other: 2 } as never);
    await coll.updateOne({ _id: 1 as never }, { $set: { other: 3 } });
    const doc = await coll.findOne({ _id: 1 as never }, { projection: { other: 0 } });
    expect(Object.getOwnPropertyDescriptor(doc, '__proto__')?.value).toEqual({ a: 1 });
    expect(doc && Object.getPrototypeOf(doc)).toBe(Object.prototype);
  });
});

describe('MongoDB $rename into __proto__ and constructor paths', () => {
  const mongo = useTestMongo();

  it('renames a field under __proto__ and constructor as data, returning it without polluting prototypes', async () => {
    const coll = mongo.db.collection('proto_rename');
    await coll.insertMany([{ _id: 1 as never, hello: 'world' }, { _id: 2 as never, hello: 'there' }]);
    await coll.updateOne({ _id: 1 as never }, { $rename: { hello: '__proto__.polluted' } });
    await coll.updateOne({ _id: 2 as never }, { $rename: { hello: 'constructor.polluted' } });
    const [first, second] = await coll.find().sort({ _id: 1 }).toArray();
    expect(Object.keys(first ?? {})).toEqual(['_id', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(first, '__proto__')?.value).toEqual({ polluted: 'world' });
    expect(Object.getOwnPropertyDescriptor(second, 'constructor')?.value).toEqual({ polluted: 'there' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object as unknown as Record<string, unknown>).polluted).toBeUndefined();
  });
});

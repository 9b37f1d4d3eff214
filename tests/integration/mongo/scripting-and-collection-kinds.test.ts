import { describe, expect, it } from 'vitest';
import { serverErrorOf, useTestMongo } from '../../support/mongo.js';

// These refusals are what a mongod started with --noscripting answers; skip on a scripting one.
const SCRIPTING_DISABLED = !process.env.MONGODB_URI || process.env.MONGODB_NOSCRIPTING === '1';

describe('MongoDB without server-side scripting', () => {
  const mongo = useTestMongo();

  it.runIf(SCRIPTING_DISABLED)('refuses $where in a query with 6108304, even on a missing collection', async () => {
    const coll = mongo.db.collection('where_missing');
    const error = await serverErrorOf(coll.find({ $where: 'this.a > 1' }).toArray());
    expect(error.code).toBe(6108304);
    expect(error.codeName).toBe('Location6108304');
    expect(error.message).toBe('no globalScriptEngine in $where parsing');
    expect((await serverErrorOf(mongo.db.command({ count: 'where_missing', query: { $and: [{ $where: 'true' }] } }))).code).toBe(6108304);
  });

  it('refuses $where inside an aggregation $match with 2 BadValue', async () => {
    const coll = mongo.db.collection('where_agg');
    await coll.insertOne({ a: 1 });
    const error = await serverErrorOf(coll.aggregate([{ $match: { $where: 'true' } }]).toArray());
    expect(error.code).toBe(2);
    expect(error.message).toBe('$where is not allowed in this context');
  });

  it.runIf(SCRIPTING_DISABLED)('refuses $function when it runs with 31264', async () => {
    const coll = mongo.db.collection('function_agg');
    await coll.insertOne({ a: 1 });
    const pipeline = [{ $project: { b: { $function: { body: 'function(a) { return a; }', args: ['$a'], lang: 'js' } } } }];
    const error = await serverErrorOf(coll.aggregate(pipeline).toArray());
    expect(error.code).toBe(31264);
    expect(error.message).toBe('Cannot run server-side javascript without the javascript engine enabled');
  });
});

describe('MongoDB collection kinds and server parameters', () => {
  const mongo = useTestMongo();

  it('refuses a capped collection without a size with 72 InvalidOptions', async () => {
    const error = await serverErrorOf(mongo.db.createCollection('capped_nosize', { capped: true }));
    expect(error.code).toBe(72);
    expect(error.codeName).toBe('InvalidOptions');
    expect(error.message).toBe("the 'size' field is required when 'capped' is true");
    // A number is a true flag too (a common slip: the size written as the flag's value).
    expect((await serverErrorOf(mongo.db.createCollection('capped_number', { capped: 1024 as never }))).code).toBe(72);
    expect(await mongo.db.listCollections({ name: 'capped_number' }).toArray()).toEqual([]);
  });

  it('lists a time-series collection with its type and options, and reads back what was inserted', async () => {
    await mongo.db.createCollection('readings', { timeseries: { timeField: 'at', metaField: 'sensor', granularity: 'hours' } });
    const [info] = (await mongo.db.listCollections({ name: 'readings' }).toArray()) as Array<{ type?: string; options: Record<string, unknown> }>;
    expect(info?.type).toBe('timeseries');
    expect(info?.options.timeseries).toMatchObject({ timeField: 'at', metaField: 'sensor', granularity: 'hours', bucketMaxSpanSeconds: 2592000 });
    const at = new Date('2026-01-01T00:00:00Z');
    await mongo.db.collection('readings').insertOne({ at, sensor: { id: 1 }, temp: 20 });
    const docs = await mongo.db.collection('readings').find({ 'sensor.id': 1 }, { projection: { _id: 0 } }).toArray();
    expect(docs).toEqual([{ at, sensor: { id: 1 }, temp: 20 }]);
  });

  it('sets and reads ttlMonitorSleepSecs on admin, and refuses an unknown parameter with 72', async () => {
    const admin = mongo.client.db('admin');
    const before = await admin.command({ getParameter: 1, ttlMonitorSleepSecs: 1 });
    const set = await admin.command({ setParameter: 1, ttlMonitorSleepSecs: before.ttlMonitorSleepSecs });
    expect(set.was).toBe(before.ttlMonitorSleepSecs);
    const error = await serverErrorOf(admin.command({ setParameter: 1, noSuchParameterHere: 1 }));
    expect(error.code).toBe(72);
    expect(error.message).toBe('attempted to set unrecognized parameter [noSuchParameterHere], use help:true to see options ');
  });
});

import { describe, expect, it } from 'vitest';
import { useTestMongo } from '../../support/mongo.js';

/** The first stage of a plan tree with this name (stages nest through inputStage). */
function findStage(plan: unknown, name: string): Record<string, unknown> | undefined {
  let node = plan as Record<string, unknown> | undefined;
  while (node) {
    if (node.stage === name) return node;
    node = node.inputStage as Record<string, unknown> | undefined;
  }
  return undefined;
}

describe('MongoDB explain', () => {
  const mongo = useTestMongo();

  async function people(name: string) {
    const coll = mongo.db.collection(name);
    await coll.insertMany([{ _id: 1 as never, name: 'Chi', age: 30 }, { _id: 2 as never, name: 'An', age: 20 }, { _id: 3 as never, name: 'Binh', age: 40 }]);
    await coll.createIndex({ name: 1 });
    return coll;
  }

  it('shows a collection scan with its filter for a field without an index', async () => {
    const coll = await people('explain_collscan');
    const res = await coll.find({ age: { $gt: 25 } }).explain('queryPlanner');
    expect(res.ok).toBe(1);
    expect(res.queryPlanner.namespace).toBe(`${mongo.db.databaseName}.explain_collscan`);
    expect(res.queryPlanner.parsedQuery).toEqual({ age: { $gt: 25 } });
    expect(res.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
    expect(res.queryPlanner.winningPlan.filter).toEqual({ age: { $gt: 25 } });
    expect(res.queryPlanner.rejectedPlans).toEqual([]);
    expect(res.executionStats).toBeUndefined();
  });

  it('shows the index it used, with its bounds, under a FETCH', async () => {
    const coll = await people('explain_ixscan');
    const res = await coll.find({ name: 'An' }).explain('executionStats');
    const ixscan = findStage(res.queryPlanner.winningPlan, 'IXSCAN');
    expect(res.queryPlanner.winningPlan.stage).toBe('FETCH');
    expect(ixscan).toMatchObject({ indexName: 'name_1', keyPattern: { name: 1 }, direction: 'forward', indexBounds: { name: ['["An", "An"]'] } });
    expect(res.executionStats).toMatchObject({ executionSuccess: true, nReturned: 1, totalKeysExamined: 1, totalDocsExamined: 1 });
    expect(typeof res.executionStats.executionTimeMillis).toBe('number');
    expect(res.executionStats.executionStages.stage).toBe('FETCH');
  });

  it('uses IDHACK for an _id lookup and reports server info', async () => {
    const coll = await people('explain_idhack');
    const res = await coll.find({ _id: 2 as never }).explain();
    expect(res.queryPlanner.winningPlan.stage).toBe('IDHACK');
    expect(res.executionStats.nReturned).toBe(1);
    expect(res.executionStats.allPlansExecution).toEqual([]);
    expect(typeof res.serverInfo.version).toBe('string');
  });

  it('walks the index backwards for a descending sort and needs no SORT stage', async () => {
    const coll = await people('explain_sort');
    const walked = await coll.find({}).sort({ name: -1 }).limit(2).explain('queryPlanner');
    expect(findStage(walked.queryPlanner.winningPlan, 'SORT')).toBeUndefined();
    expect(findStage(walked.queryPlanner.winningPlan, 'LIMIT')).toMatchObject({ limitAmount: 2 });
    expect(findStage(walked.queryPlanner.winningPlan, 'IXSCAN')).toMatchObject({ indexName: 'name_1', direction: 'backward', indexBounds: { name: ['[MaxKey, MinKey]'] } });
    const sorted = await coll.find({}).sort({ age: 1 }).limit(2).explain('queryPlanner');
    expect(findStage(sorted.queryPlanner.winningPlan, 'SORT')).toMatchObject({ sortPattern: { age: 1 }, limitAmount: 2 });
    expect(findStage(sorted.queryPlanner.winningPlan, 'COLLSCAN')).toBeDefined();
  });

  it('explains an aggregate with a $cursor stage followed by the other stages', async () => {
    const coll = await people('explain_agg');
    const res = await coll.aggregate([{ $match: { name: 'Chi' } }, { $group: { _id: null, n: { $sum: 1 } } }]).explain('executionStats');
    const stages = res.stages as Array<Record<string, unknown>>;
    const cursor = stages[0]?.$cursor as { queryPlanner: { winningPlan: { stage: string } } };
    expect(cursor.queryPlanner.winningPlan.stage).toBe('FETCH');
    expect(findStage(cursor.queryPlanner.winningPlan, 'IXSCAN')?.indexName).toBe('name_1');
    expect(stages[1]?.$group).toEqual({ _id: null, n: { $sum: 1 } });
    expect(stages[1]?.nReturned).toBe(1);
    const matchOnly = await coll.aggregate([{ $match: { age: 20 } }]).explain('queryPlanner');
    expect(matchOnly.queryPlanner.winningPlan.stage).toBe('COLLSCAN');
  });

  it('explains count and a write without applying the write', async () => {
    const coll = await people('explain_count');
    const count = await mongo.db.command({ explain: { count: 'explain_count', query: { age: { $gte: 30 } } }, verbosity: 'executionStats' });
    expect(count.queryPlanner.winningPlan.stage).toBe('COUNT');
    expect(count.queryPlanner.winningPlan.inputStage.stage).toBe('COLLSCAN');
    expect(count.executionStats.executionStages.nCounted).toBe(2);
    const del = await mongo.db.command({ explain: { delete: 'explain_count', deletes: [{ q: { name: 'An' }, limit: 0 }] }, verbosity: 'executionStats' });
    expect(del.queryPlanner.winningPlan.stage).toBe('DELETE');
    expect(await coll.countDocuments()).toBe(3);
  });

  it('shows EOF for a collection that does not exist', async () => {
    const res = await mongo.db.collection('explain_missing').find({ a: 1 }).explain('queryPlanner');
    expect(res.queryPlanner.winningPlan.stage).toBe('EOF');
  });

  it('refuses an unknown verbosity with BadValue', async () => {
    await expect(mongo.db.command({ explain: { find: 'x' }, verbosity: 'loud' })).rejects.toMatchObject({ code: 2 });
  });
});

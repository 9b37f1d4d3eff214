import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestMongo, REAL_MONGO, type TestMongo } from '../../support/test-mongo.js';

describe('MongoDB conformance: aggregation and text search', () => {
  let mongo: TestMongo;
  beforeAll(async () => {
    mongo = await openTestMongo();
    await mongo.db.collection('experts').insertMany([
      { _id: 1 as never, name: 'An', country: 'DE', skills: ['go', 'k8s'], years: 10, firmId: 1 },
      { _id: 2 as never, name: 'Bình', country: 'DE', skills: ['react'], years: 4, firmId: 2 },
      { _id: 3 as never, name: 'Chi', country: 'JP', skills: ['go'], years: 7, firmId: 1 },
      { _id: 4 as never, name: 'Dũng', country: 'US', skills: [], years: 2 },
    ]);
    await mongo.db.collection('firms').insertMany([
      { _id: 1 as never, name: 'Sông Hàn Tech' },
      { _id: 2 as never, name: 'Hải Phòng Soft' },
    ]);
    await mongo.db.collection('threads').insertMany([
      { _id: 1 as never, title: 'Hội thảo công nghệ ở Hải Phòng', body: 'Đăng ký tham dự' },
      { _id: 2 as never, title: 'Tuyển chuyên gia Kubernetes', body: 'Dự án ở Hà Nội, làm việc từ xa' },
      { _id: 3 as never, title: 'Running Kubernetes clusters', body: 'Hải Phòng team runs k8s' },
    ]);
    await mongo.db.collection('threads').createIndex({ title: 'text', body: 'text' });
  });
  afterAll(async () => {
    await mongo.close();
  });

  it('groups, sorts and accumulates', async () => {
    const rows = await mongo.db
      .collection('experts')
      .aggregate([
        { $group: { _id: '$country', n: { $sum: 1 }, avgYears: { $avg: '$years' }, names: { $push: '$name' }, most: { $max: '$years' } } },
        { $sort: { n: -1, _id: 1 } },
      ])
      .toArray();
    expect(rows).toEqual([
      { _id: 'DE', n: 2, avgYears: 7, names: ['An', 'Bình'], most: 10 },
      { _id: 'JP', n: 1, avgYears: 7, names: ['Chi'], most: 7 },
      { _id: 'US', n: 1, avgYears: 2, names: ['Dũng'], most: 2 },
    ]);
  });

  it('unwinds (keeping empty arrays when asked) and counts by value', async () => {
    const plain = await mongo.db.collection('experts').aggregate([{ $unwind: '$skills' }, { $count: 'n' }]).toArray();
    expect(plain).toEqual([{ n: 4 }]);
    const kept = await mongo.db
      .collection('experts')
      .aggregate([{ $unwind: { path: '$skills', preserveNullAndEmptyArrays: true } }, { $count: 'n' }])
      .toArray();
    expect(kept).toEqual([{ n: 5 }]);
    const bySkill = await mongo.db.collection('experts').aggregate([{ $unwind: '$skills' }, { $sortByCount: '$skills' }]).toArray();
    expect(bySkill[0]).toEqual({ _id: 'go', count: 2 });
  });

  it('joins with $lookup, reshapes with $project/$addFields and splits with $facet', async () => {
    const rows = await mongo.db
      .collection('experts')
      .aggregate([
        { $match: { firmId: { $exists: true } } },
        { $lookup: { from: 'firms', localField: 'firmId', foreignField: '_id', as: 'firm' } },
        { $addFields: { firmName: { $first: '$firm.name' } } },
        { $project: { _id: 0, name: 1, firmName: 1 } },
        { $sort: { name: 1 } },
        { $facet: { all: [], top: [{ $limit: 1 }] } },
      ])
      .toArray();
    expect(rows).toEqual([
      {
        all: [
          { name: 'An', firmName: 'Sông Hàn Tech' },
          { name: 'Bình', firmName: 'Hải Phòng Soft' },
          { name: 'Chi', firmName: 'Sông Hàn Tech' },
        ],
        top: [{ name: 'An', firmName: 'Sông Hàn Tech' }],
      },
    ]);
  });

  it('finds text without diacritics, with phrases and exclusions, ranked by score', async () => {
    const threads = mongo.db.collection('threads');
    const ids = async (search: string) =>
      (await threads.find({ $text: { $search: search } }).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids('hai phong')).toEqual([1, 3]);
    expect(await ids('cong nghe')).toEqual([1]);
    expect(await ids('kubernetes -"hà nội"')).toEqual([3]);
    expect(await ids('"kubernetes clusters"')).toEqual([3]);
    expect(await ids('run')).toEqual([3]); // English stemming: "running", "runs"
    const ranked = await threads
      .find({ $text: { $search: 'kubernetes hai phong' } }, { projection: { score: { $meta: 'textScore' } } })
      .sort({ score: { $meta: 'textScore' } })
      .toArray();
    expect(ranked[0]?._id).toBe(3);
    expect(ranked.every((d) => typeof d.score === 'number' && d.score > 0)).toBe(true);
  });

  it('refuses $text without a text index (code 27)', async () => {
    await expect(mongo.db.collection('experts').find({ $text: { $search: 'go' } }).toArray()).rejects.toMatchObject({ code: 27 });
  });

  it('allows only one text index per collection (code 85)', async () => {
    await expect(mongo.db.collection('threads').createIndex({ other: 'text' })).rejects.toMatchObject({ code: 85 });
  });

  it('matches text inside an aggregation and sorts by its score', async () => {
    const rows = await mongo.db
      .collection('threads')
      .aggregate([
        { $match: { $text: { $search: 'kubernetes' } } },
        { $sort: { score: { $meta: 'textScore' }, _id: 1 } },
        { $project: { _id: 1 } },
      ])
      .toArray();
    expect(rows.map((r) => r._id).sort()).toEqual([2, 3]);
  });

  it.skipIf(REAL_MONGO)('answers $out with a clear error instead of pretending', async () => {
    await expect(mongo.db.collection('experts').aggregate([{ $out: 'copy' }]).toArray()).rejects.toThrow(/\$out/);
  });
});

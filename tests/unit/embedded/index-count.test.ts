import { ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { pick, prng } from '../../support/seeded-random.js';
import { countFromIndex, countMatching } from '../../../src/db/embedded/query/count-plan.js';
import { countPipeline, countPipelineResult } from '../../../src/db/embedded/query/count-pipeline.js';
import { matchDocuments } from '../../../src/db/embedded/query/query-runner.js';
import { Catalog } from '../../../src/db/embedded/storage/catalog.js';
import type { CollectionStore } from '../../../src/db/embedded/storage/collection-store.js';
import type { Doc } from '../../../src/db/embedded/storage/document-paths.js';
import { normalizeIndexSpec } from '../../../src/db/embedded/storage/index-spec.js';

const IDS = Array.from({ length: 3 }, (_, i) => new ObjectId(i.toString(16).padStart(24, '0')));
const DATES = [0, 1000, 2000].map((t) => new Date(t));
const INDEXES: Doc[] = [{ a: 1 }, { b: 1, a: -1 }, { b: -1, 'c.x': 1 }, { d: 1, b: 1 }];

function scalar(rand: () => number): unknown {
  return pick(rand, [() => Math.floor(rand() * 4), () => Math.floor(rand() * 4) + 0.5, () => pick(rand, ['x', 'y', '']), () => null, () => pick(rand, DATES), () => pick(rand, IDS), () => rand() < 0.5])();
}

function randomDoc(rand: () => number, id: number, arrays: boolean): Doc {
  const doc: Doc = { _id: id };
  if (rand() < 0.85) doc.a = arrays && rand() < 0.2 ? [scalar(rand), scalar(rand)] : scalar(rand);
  if (rand() < 0.85) doc.b = pick(rand, [true, false, 1, 'k']);
  if (rand() < 0.7) doc.c = { x: scalar(rand) };
  if (rand() < 0.8) doc.d = pick(rand, DATES);
  return doc;
}

function bound(rand: () => number): unknown {
  return pick(rand, [() => Math.floor(rand() * 4), () => pick(rand, ['x', 'y']), () => pick(rand, DATES), () => pick(rand, IDS)])();
}

function range(rand: () => number): Doc {
  const ops = pick(rand, [['$gt'], ['$gte'], ['$lt'], ['$lte'], ['$gte', '$lt'], ['$gt', '$lte'], ['$gt', '$gte']]);
  const value = bound(rand);
  // Same-typed bounds, except now and then a mixed pair (left to the matcher).
  return Object.fromEntries(ops.map((op) => [op, rand() < 0.9 ? sameType(rand, value) : bound(rand)]));
}

function sameType(rand: () => number, like: unknown): unknown {
  if (typeof like === 'number') return Math.floor(rand() * 4);
  if (typeof like === 'string') return pick(rand, ['x', 'y', '']);
  if (like instanceof Date) return pick(rand, DATES);
  return pick(rand, IDS);
}

function randomFilter(rand: () => number): Doc {
  return pick(rand, [
    () => ({ a: scalar(rand) ?? 1 }),
    () => ({ a: range(rand) }),
    () => ({ b: pick(rand, [true, false, 1, 'k']), a: rand() < 0.5 ? range(rand) : scalar(rand) ?? 2 }),
    () => ({ b: { $eq: pick(rand, [true, false]) }, 'c.x': range(rand) }),
    () => ({ d: pick(rand, DATES), b: rand() < 0.5 ? true : { $gte: 1 } }),
    () => ({ d: range(rand) }),
    () => ({ b: true, a: { $exists: true } }),
    () => ({ a: { $in: [1, 'x'] } }),
  ])();
}

function seeded(rand: () => number, arrays: boolean): { indexed: CollectionStore; plain: CollectionStore } {
  const catalog = new Catalog(() => {});
  const indexed = catalog.ensureCollection('t', 'indexed');
  const plain = catalog.ensureCollection('t', 'plain');
  INDEXES.forEach((key, i) => indexed.createIndex(normalizeIndexSpec({ key, name: `i${i}` })));
  for (let id = 0; id < 300; id++) {
    const doc = randomDoc(rand, id, arrays);
    indexed.insert(doc);
    plain.insert(doc);
  }
  return { indexed, plain };
}

describe('counting from index keys', () => {
  it('counts random equality and range filters exactly as testing every document does', () => {
    let fromIndex = 0;
    for (const [seed, arrays] of [[1, false], [2, false], [3, true]] as const) {
      const rand = prng(seed);
      const { indexed, plain } = seeded(rand, arrays);
      for (let i = 0; i < 250; i++) {
        const filter = randomFilter(rand);
        if (countFromIndex(indexed, filter) !== null) fromIndex += 1;
        expect(countMatching(indexed, filter), JSON.stringify(filter)).toBe(matchDocuments(plain, filter).length);
      }
    }
    // The comparison means something only if many filters were counted from the index.
    expect(fromIndex).toBeGreaterThan(300);
  });

  it('never counts from a multikey index', () => {
    const catalog = new Catalog(() => {});
    const store = catalog.ensureCollection('t', 'tags');
    store.createIndex(normalizeIndexSpec({ key: { k: 1 }, name: 'k_1' }));
    store.insert({ _id: 1, k: 3 });
    expect(countFromIndex(store, { k: { $gt: 2, $lt: 4 } })).toBe(1);
    store.insert({ _id: 2, k: [1, 5] });
    expect(countFromIndex(store, { k: { $gt: 2, $lt: 4 } })).toBeNull();
    expect(countMatching(store, { k: { $gt: 2, $lt: 4 } })).toBe(2);
  });
});

describe('the countDocuments pipeline', () => {
  it('is recognised with optional $skip and $limit and answers like the pipeline would', () => {
    const shape = countPipeline([{ $match: { a: 1 } }, { $skip: 2 }, { $limit: 3 }, { $group: { _id: 1, n: { $sum: 1 } } }]);
    expect(shape).toEqual({ filter: { a: 1 }, skip: 2, limit: 3, id: 1, field: 'n' });
    expect(countPipelineResult(shape!, 10)).toEqual([{ _id: 1, n: 3 }]);
    expect(countPipelineResult(shape!, 4)).toEqual([{ _id: 1, n: 2 }]);
    expect(countPipelineResult(shape!, 2)).toEqual([]);
    expect(countPipeline([{ $match: {} }, { $group: { _id: null, total: { $sum: 1 } } }])).toMatchObject({ id: null, field: 'total', skip: 0, limit: undefined });
  });

  it('leaves every other pipeline to the pipeline engine', () => {
    const group = { $group: { _id: 1, n: { $sum: 1 } } };
    for (const pipeline of [
      [{ $match: {} }, { $group: { _id: '$a', n: { $sum: 1 } } }],
      [{ $match: {} }, { $group: { _id: 1, n: { $sum: '$a' } } }],
      [{ $match: {} }, { $group: { _id: 1, n: { $sum: 1 }, m: { $sum: 1 } } }],
      [{ $match: {} }, { $limit: 0 }, group],
      [{ $match: {} }, { $skip: -1 }, group],
      [{ $match: {} }, { $limit: 2 }, { $skip: 1 }, group],
      [{ $match: {} }, { $sort: { a: 1 } }, group],
      [{ $project: { a: 1 } }, group],
      [{ $match: {} }],
    ]) {
      expect(countPipeline(pipeline as Doc[]), JSON.stringify(pipeline)).toBeNull();
    }
  });
});

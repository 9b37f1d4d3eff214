import { Long, ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { pick, prng } from '../../support/seeded-random.js';
import { canonicalKey } from '../../../src/db/embedded/canonical-key.js';
import { runQuery, type QuerySpec } from '../../../src/db/embedded/query/query-runner.js';
import { Catalog } from '../../../src/db/embedded/storage/catalog.js';
import type { CollectionStore } from '../../../src/db/embedded/storage/collection-store.js';
import type { Doc } from '../../../src/db/embedded/storage/document-paths.js';
import { normalizeIndexSpec } from '../../../src/db/embedded/storage/index-spec.js';

const IDS = Array.from({ length: 4 }, (_, i) => new ObjectId(i.toString(16).padStart(24, '0')));
const INDEXES: Doc[] = [{ a: 1 }, { b: 1, a: -1 }, { tags: 1 }, { 'c.x': 1, b: 1 }, { b: -1, _id: 1 }, { a: -1, _id: -1 }];

/** Scalars of mixed BSON types, with numeric values that are equal across representations. */
function scalar(rand: () => number): unknown {
  return pick(rand, [
    () => Math.floor(rand() * 4),
    () => Math.floor(rand() * 4) + 0.5,
    () => Long.fromNumber(Math.floor(rand() * 4)),
    () => pick(rand, ['x', 'y', 'é', '']),
    () => null,
    () => new Date(Math.floor(rand() * 3) * 1000),
    () => pick(rand, IDS),
    () => rand() < 0.5,
  ])();
}

function randomDoc(rand: () => number, id: number): Doc {
  const doc: Doc = { _id: id };
  if (rand() < 0.85) doc.a = rand() < 0.15 ? [scalar(rand), scalar(rand)] : scalar(rand);
  if (rand() < 0.8) doc.b = pick(rand, [1, 2, 3, 'k', null, 2.0]);
  if (rand() < 0.7) doc.c = rand() < 0.2 ? [{ x: scalar(rand) }, { y: 1 }] : { x: scalar(rand) };
  if (rand() < 0.8) doc.tags = Array.from({ length: Math.floor(rand() * 4) }, () => pick(rand, ['go', 'aws', 'js', 'go']));
  return doc;
}

function randomFilter(rand: () => number): Doc {
  return pick(rand, [
    () => ({}),
    () => ({ a: scalar(rand) ?? 1 }),
    () => ({ a: { $in: [scalar(rand) ?? 1, scalar(rand) ?? 2] } }),
    () => ({ b: pick(rand, [1, 2, 'k', Long.fromNumber(2)]) }),
    () => ({ b: { $eq: pick(rand, [1, 2, 3]) }, a: { $gte: 1 } }),
    () => ({ tags: { $all: [pick(rand, ['go', 'aws']), pick(rand, ['js', 'go'])] } }),
    () => ({ tags: pick(rand, ['go', 'aws', 'js']) }),
    () => ({ 'c.x': scalar(rand) ?? 0 }),
    () => ({ $and: [{ b: pick(rand, [1, 2, 3]) }, { $or: [{ a: { $lt: 2 } }, { tags: 'go' }] }] }),
    () => ({ b: { $in: [1, 'k'] }, a: { $exists: true } }),
  ])();
}

function randomSpec(rand: () => number): QuerySpec {
  const sort = pick<Doc | undefined>(rand, [undefined, { a: 1 }, { a: -1 }, { b: 1, a: -1 }, { b: -1, a: 1 }, { a: -1, _id: -1 }, { 'c.x': 1, b: 1 }, { b: -1, _id: 1 }, { tags: 1 }, { b: 1 }]);
  return { filter: randomFilter(rand), sort, skip: pick(rand, [0, 0, 2]), limit: pick(rand, [undefined, 1, 5, 20]) };
}

function ids(docs: Doc[]): string[] {
  return docs.map((d) => canonicalKey(d._id));
}

interface Pair { catalog: Catalog; indexed: CollectionStore; plain: CollectionStore }

function seededPair(rand: () => number, n: number): Pair {
  const catalog = new Catalog(() => {});
  const indexed = catalog.ensureCollection('t', 'indexed');
  const plain = catalog.ensureCollection('t', 'plain');
  INDEXES.forEach((key, i) => indexed.createIndex(normalizeIndexSpec({ key, name: `i${i}` })));
  for (let id = 0; id < n; id++) {
    const doc = randomDoc(rand, id);
    indexed.insert(doc);
    plain.insert(doc);
  }
  return { catalog, indexed, plain };
}

function expectSameAnswers(rand: () => number, indexed: CollectionStore, plain: CollectionStore, rounds: number): void {
  for (let i = 0; i < rounds; i++) {
    const spec = randomSpec(rand);
    expect(ids(runQuery(indexed, spec)), JSON.stringify(spec)).toEqual(ids(runQuery(plain, spec)));
  }
}

describe('secondary index query planner', () => {
  it('answers random filters and sorts exactly as a scan does', () => {
    for (const seed of [1, 2, 3]) {
      const rand = prng(seed);
      const { indexed, plain } = seededPair(rand, 300);
      expectSameAnswers(rand, indexed, plain, 400);
    }
  });

  it('keeps indexes right across replaces, removes and re-inserts', () => {
    const rand = prng(7);
    const { indexed, plain } = seededPair(rand, 200);
    for (let step = 0; step < 600; step++) {
      const id = Math.floor(rand() * 260);
      const key = canonicalKey(id);
      const roll = rand();
      if (roll < 0.3) {
        indexed.remove(key);
        plain.remove(key);
      } else if (indexed.getByKey(key)) {
        const next = randomDoc(rand, id);
        indexed.replace(next);
        plain.replace(next);
      } else {
        const doc = randomDoc(rand, id);
        indexed.insert(doc);
        plain.insert(doc);
      }
      if (step % 50 === 0) expectSameAnswers(rand, indexed, plain, 40);
    }
    expectSameAnswers(rand, indexed, plain, 200);
  });

  it('still answers the same after indexes are dropped and rebuilt from a journal dump', () => {
    const rand = prng(11);
    const { catalog, indexed, plain } = seededPair(rand, 250);
    const restarted = new Catalog(() => {});
    restarted.replay(catalog.dump());
    expectSameAnswers(rand, restarted.collection('t', 'indexed') as CollectionStore, plain, 200);
    for (const name of indexed.indexes.secondaryNames()) indexed.dropIndex(name);
    expect(indexed.indexes.plannable()).toHaveLength(0);
    expectSameAnswers(rand, indexed, plain, 200);
  });

  it('sorts missing and null together, below numbers, with ties in insertion order', () => {
    const catalog = new Catalog(() => {});
    const store = catalog.ensureCollection('t', 'order');
    store.createIndex(normalizeIndexSpec({ key: { v: 1 }, name: 'v_1' }));
    for (const [id, v] of [[1, 'a'], [2, undefined], [3, 2], [4, null], [5, Long.fromNumber(2)], [6, IDS[0]], [7, 1.5]] as const) {
      store.insert(v === undefined ? { _id: id } : { _id: id, v });
    }
    expect(runQuery(store, { filter: {}, sort: { v: 1 } }).map((d) => d._id)).toEqual([2, 4, 7, 3, 5, 1, 6]);
    expect(runQuery(store, { filter: {}, sort: { v: -1 }, limit: 3 }).map((d) => d._id)).toEqual([6, 1, 3]);
  });
});

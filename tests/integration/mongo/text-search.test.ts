import type { Collection, Document } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { serverErrorOf, useTestMongo } from '../../support/mongo.js';

const THREADS: Document[] = [
  { _id: 1, title: 'Coffee shop in Hue', body: 'Best coffee near the river' },
  { _id: 2, title: 'Tea house', body: 'A quiet tea shop for reading' },
  { _id: 3, title: 'Hội thảo công nghệ', body: 'Seminar tại Hải Phòng về trí tuệ nhân tạo' },
  { _id: 4, title: 'Running a startup', body: 'Lessons from running teams remotely' },
  { _id: 5, title: 'Coffee coffee coffee', body: 'coffee' },
];

describe('MongoDB text search', () => {
  const mongo = useTestMongo();
  let threads: Collection;
  const search = async (text: string): Promise<number[]> =>
    (await threads.find({ $text: { $search: text } }, { projection: { _id: 1 } }).toArray()).map((d) => Number(d._id)).sort((a, b) => a - b);

  beforeAll(async () => {
    threads = mongo.db.collection('threads');
    await threads.insertMany(THREADS.map((d) => ({ ...d })));
    await threads.createIndex({ title: 'text', body: 'text' });
  });

  it('lists the text index with its weights and defaults', async () => {
    const index = (await threads.listIndexes().toArray()).find((i) => i.name === 'title_text_body_text');
    expect(index).toMatchObject({
      key: { _fts: 'text', _ftsx: 1 },
      weights: { title: 1, body: 1 },
      default_language: 'english',
      language_override: 'language',
      textIndexVersion: 3,
    });
  });

  it('matches any of several terms (OR), case-insensitively', async () => {
    expect(await search('TEA river')).toEqual([1, 2]);
    expect(await search('seminar')).toEqual([3]);
    expect(await search('nothing-like-this')).toEqual([]);
  });

  it('stems English words: "run" finds "running"', async () => {
    expect(await search('run')).toEqual([4]);
    expect(await search('shops')).toEqual([1, 2]);
  });

  it('requires every quoted phrase (AND), and the phrase in that order', async () => {
    expect(await search('"coffee shop"')).toEqual([1]);
    expect(await search('"tea shop"')).toEqual([2]);
    expect(await search('"shop coffee"')).toEqual([]);
    expect(await search('"coffee" "river"')).toEqual([1]);
  });

  it('excludes documents with a negated term', async () => {
    expect(await search('coffee -river')).toEqual([5]);
    expect(await search('shop -tea')).toEqual([1]);
  });

  it('ignores diacritics: "hai phong" finds "Hải Phòng", "cong nghe" finds "công nghệ"', async () => {
    expect(await search('hai phong')).toEqual([3]);
    expect(await search('cong nghe')).toEqual([3]);
    expect(await search('HỘI')).toEqual([3]);
  });

  it('projects and sorts by textScore, more occurrences scoring higher', async () => {
    const scored = await threads
      .find({ $text: { $search: 'coffee' } }, { projection: { score: { $meta: 'textScore' } } })
      .sort({ score: { $meta: 'textScore' } })
      .toArray();
    expect(scored.map((d) => d._id)).toEqual([5, 1]);
    const [top, next] = scored.map((d) => d.score as number);
    expect(top).toBeGreaterThan(next ?? Infinity);
    expect(next).toBeGreaterThan(0);
  });

  it('weights fields: a match in a heavier field scores higher', async () => {
    const weighted = mongo.db.collection('weighted');
    await weighted.insertMany([
      { _id: 'body', title: 'other', body: 'mentor' },
      { _id: 'title', title: 'mentor', body: 'other' },
    ] as never[]);
    await weighted.createIndex({ title: 'text', body: 'text' }, { weights: { title: 10, body: 1 } });
    const order = await weighted.find({ $text: { $search: 'mentor' } }).sort({ score: { $meta: 'textScore' } }).toArray();
    expect(order.map((d) => d._id)).toEqual(['title', 'body']);
  });

  it('searches inside aggregate: $match $text first, then $sort by textScore', async () => {
    const ranked = await threads
      .aggregate([
        { $match: { $text: { $search: 'coffee shop' } } },
        { $sort: { score: { $meta: 'textScore' }, _id: 1 } },
        { $project: { _id: 1, score: { $meta: 'textScore' } } },
      ])
      .toArray();
    expect(ranked.map((d) => d._id)).toEqual([5, 1, 2]);
    expect(ranked.every((d) => typeof d.score === 'number' && d.score > 0)).toBe(true);
  });

  it('allows only one text index per collection (code 85 IndexOptionsConflict)', async () => {
    const error = await serverErrorOf(threads.createIndex({ title: 'text' }));
    expect(error.code).toBe(85);
    expect(error.codeName).toBe('IndexOptionsConflict');
    const textIndexes = (await threads.listIndexes().toArray()).filter((i) => (i.key as Document)._fts === 'text');
    expect(textIndexes).toHaveLength(1);
  });

  it('refuses $text without a text index (code 27 IndexNotFound)', async () => {
    const plain = mongo.db.collection('plain');
    await plain.insertOne({ title: 'coffee' });
    const error = await serverErrorOf(plain.find({ $text: { $search: 'coffee' } }).toArray());
    expect(error.code).toBe(27);
    expect(error.codeName).toBe('IndexNotFound');
    expect(error.message).toContain('text index required for $text query');
  });

  it('refuses a textScore sort without a $text query', async () => {
    await serverErrorOf(threads.find({}).sort({ score: { $meta: 'textScore' } }).toArray());
  });
});

describe('MongoDB text search while documents change', () => {
  const mongo = useTestMongo();
  interface Post { _id: number; body?: string; title?: string }
  let posts: Collection<Post>;
  const search = async (text: string): Promise<number[]> =>
    (await posts.find({ $text: { $search: text } }, { projection: { _id: 1 } }).toArray()).map((d) => Number(d._id)).sort((a, b) => a - b);

  beforeAll(async () => {
    posts = mongo.db.collection<Post>('posts_changing');
    await posts.insertMany([
      { _id: 1, body: 'kubernetes in Hanoi' },
      { _id: 2, body: 'golang meetup' },
    ]);
    await posts.createIndex({ body: 'text' });
  });

  it('finds inserted documents, follows edits and forgets deleted ones after the first search', async () => {
    expect(await search('kubernetes')).toEqual([1]);
    await posts.insertOne({ _id: 3, body: 'kubernetes operators' });
    await posts.updateOne({ _id: 1 }, { $set: { body: 'rust in Hanoi' } });
    await posts.replaceOne({ _id: 2 }, { body: 'kubernetes and golang' });
    expect(await search('kubernetes')).toEqual([2, 3]);
    expect(await search('rust')).toEqual([1]);
    await posts.deleteOne({ _id: 3 });
    expect(await search('kubernetes')).toEqual([2]);
    await posts.updateMany({}, { $unset: { body: '' } });
    expect(await search('kubernetes golang rust hanoi')).toEqual([]);
  });

  it('answers from a rebuilt index after the text index is dropped and created over other fields', async () => {
    await posts.insertMany([
      { _id: 10, title: 'seminar on AI', body: 'nothing here' },
      { _id: 11, title: 'fair', body: 'seminar talk' },
    ]);
    expect(await search('seminar')).toEqual([11]);
    await posts.dropIndex('body_text');
    await posts.createIndex({ title: 'text' });
    expect(await search('seminar')).toEqual([10]);
  });

  it('ranks the best match first among many, newest _id breaking ties', async () => {
    const many = mongo.db.collection<Post>('posts_many');
    await many.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i, body: i % 3 === 0 ? 'cloud cloud migration' : 'cloud consulting' })));
    await many.createIndex({ body: 'text' });
    const top = await many
      .find({ $text: { $search: 'cloud migration' } }, { projection: { _id: 1, score: { $meta: 'textScore' } } })
      .sort({ score: { $meta: 'textScore' }, _id: -1 })
      .limit(3)
      .toArray();
    expect(top.map((d) => d._id)).toEqual([297, 294, 291]);
    expect((top[0] as { score?: number } | undefined)?.score).toBeGreaterThan(1);
  });
});

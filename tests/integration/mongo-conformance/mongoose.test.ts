import mongoose, { Schema, Types, type Connection, type Model } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestMongo, type TestMongo } from '../../support/test-mongo.js';

interface Author {
  _id: Types.ObjectId;
  email: string;
  name: string;
  joined: Date;
}
interface Post {
  _id: Types.ObjectId;
  author: Types.ObjectId;
  title: string;
  views: number;
  createdAt: Date;
  updatedAt: Date;
}

describe('MongoDB conformance: mongoose', () => {
  let mongo: TestMongo;
  let connection: Connection;
  beforeAll(async () => {
    mongo = await openTestMongo();
    connection = await mongoose.createConnection(mongo.uri, { dbName: mongo.db.databaseName }).asPromise();
  });
  afterAll(async () => {
    await connection.close();
    await mongo.close();
  });

  let authorModel: Model<Author>;
  let postModel: Model<Post>;
  const authors = () => authorModel;
  const posts = () => postModel;
  beforeAll(() => {
    authorModel = connection.model<Author>(
      'Author',
      new Schema<Author>({
        email: { type: String, required: true, unique: true },
        name: { type: String, required: true, maxlength: 20 },
        joined: { type: Date, default: () => new Date('2026-01-02T03:04:05Z') },
      }),
    );
    postModel = connection.model<Post>(
      'Post',
      new Schema<Post>(
        { author: { type: Schema.Types.ObjectId, ref: 'Author' }, title: String, views: { type: Number, default: 0 } },
        { timestamps: true },
      ).index({ title: 'text' }),
    );
  });

  it('builds indexes and reports a duplicate save as MongoServerError 11000', async () => {
    await authors().syncIndexes();
    await authors().create({ email: 'an@example.vn', name: 'An' });
    await expect(authors().create({ email: 'an@example.vn', name: 'An again' })).rejects.toMatchObject({
      name: 'MongoServerError',
      code: 11000,
    });
  });

  it('validates before writing', async () => {
    await expect(authors().create({ email: 'x@example.vn', name: 'n'.repeat(21) })).rejects.toMatchObject({
      name: 'ValidationError',
    });
    expect(await authors().countDocuments({ email: 'x@example.vn' })).toBe(0);
  });

  it('round-trips dates and ObjectIds, with timestamps, populate and lean', async () => {
    const author = await authors().findOne({ email: 'an@example.vn' }).orFail();
    expect(author.joined.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    const post = await posts().create({ author: author._id, title: 'Hội thảo Kubernetes' });
    expect(post.createdAt).toBeInstanceOf(Date);
    const found = await posts().findById(post._id).populate<{ author: Author }>('author').lean().orFail();
    expect(found.author.name).toBe('An');
    expect(found._id).toBeInstanceOf(Types.ObjectId);
  });

  it('updates with findOneAndUpdate returning the new document', async () => {
    const updated = await posts()
      .findOneAndUpdate({ title: 'Hội thảo Kubernetes' }, { $inc: { views: 2 } }, { returnDocument: 'after' })
      .lean()
      .orFail();
    expect(updated.views).toBe(2);
  });

  it('searches text and aggregates through models', async () => {
    await posts().syncIndexes();
    await posts().create({ title: 'Tuyển kỹ sư Go' });
    const hits = await posts().find({ $text: { $search: 'hoi thao' } }).lean();
    expect(hits.map((p) => p.title)).toEqual(['Hội thảo Kubernetes']);
    const totals = await posts().aggregate<{ _id: null; views: number; n: number }>([
      { $group: { _id: null, views: { $sum: '$views' }, n: { $sum: 1 } } },
    ]);
    expect(totals).toEqual([{ _id: null, views: 2, n: 2 }]);
  });
});

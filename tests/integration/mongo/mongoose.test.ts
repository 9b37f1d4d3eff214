import { MongoServerError } from 'mongodb';
import mongoose, { Schema, Types, type Connection } from 'mongoose';
import { beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf, useTestMongo } from '../../support/mongo.js';

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true },
    name: { type: String, required: true, minlength: 2 },
    role: { type: String, enum: ['expert', 'firm'], default: 'expert' },
    age: { type: Number, min: 0 },
  },
  { timestamps: true },
);
const postSchema = new Schema({
  title: { type: String, required: true },
  body: String,
  author: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  at: Date,
  views: { type: Number, default: 0 },
});
postSchema.index({ title: 'text', body: 'text' });

describe('MongoDB through mongoose', () => {
  const mongo = useTestMongo();
  let conn: Connection;
  // conn.model(name, schema) returns the model compiled in beforeAll, typed from its schema.
  const User = () => conn.model('User', userSchema);
  const Post = () => conn.model('Post', postSchema);

  beforeAll(async () => {
    conn = await mongo.mongoose();
    conn.model('User', userSchema);
    conn.model('Post', postSchema);
    await User().syncIndexes();
    await Post().syncIndexes();
  });

  it('builds the schema indexes with syncIndexes', async () => {
    const names = (await User().listIndexes()).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['_id_', 'email_1']));
    const text = (await Post().listIndexes()).find((i) => i.name === 'title_text_body_text');
    expect(text?.key).toEqual({ _fts: 'text', _ftsx: 1 });
  });

  it('refuses a duplicate unique value on save with MongoServerError 11000', async () => {
    await User().create({ email: 'dup@example.vn', name: 'Lan' });
    const error = await rejectionOf(new (User())({ email: 'dup@example.vn', name: 'Minh' }).save());
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(11000);
    expect((error as MongoServerError).keyValue).toEqual({ email: 'dup@example.vn' });
    expect(await User().countDocuments({ email: 'dup@example.vn' })).toBe(1);
  });

  it('rejects invalid documents with a ValidationError naming each path, writing nothing', async () => {
    const error = await rejectionOf(User().create({ email: 'v@example.vn', name: 'L', role: 'boss', age: -1 } as never));
    expect(error).toBeInstanceOf(mongoose.Error.ValidationError);
    const paths = Object.keys((error as mongoose.Error.ValidationError).errors).sort();
    expect(paths).toEqual(['age', 'name', 'role']);
    expect(await User().countDocuments({ email: 'v@example.vn' })).toBe(0);
    const missing = await rejectionOf(User().create({ name: 'Lan' } as never));
    expect(Object.keys((missing as mongoose.Error.ValidationError).errors)).toEqual(['email']);
  });

  it('sets createdAt and updatedAt, moving only updatedAt on update', async () => {
    const user = await User().create({ email: 'ts@example.vn', name: 'Lan' });
    expect(user.createdAt).toBeInstanceOf(Date);
    expect(user.updatedAt?.getTime()).toBe(user.createdAt?.getTime());
    await new Promise((r) => setTimeout(r, 15));
    await User().updateOne({ _id: user._id }, { $set: { name: 'Lan Anh' } });
    const stored = await User().findById(user._id).lean();
    expect(stored?.createdAt?.getTime()).toBe(user.createdAt?.getTime());
    expect(stored?.updatedAt?.getTime()).toBeGreaterThan(user.updatedAt?.getTime() ?? Infinity);
  });

  it('returns the updated document from findOneAndUpdate with new: true, and the old one without', async () => {
    const user = await User().create({ email: 'fau@example.vn', name: 'Lan', age: 30 });
    const updated = await User().findOneAndUpdate({ _id: user._id }, { $inc: { age: 1 } }, { new: true });
    expect(updated?.age).toBe(31);
    const previous = await User().findOneAndUpdate({ _id: user._id }, { $inc: { age: 1 } });
    expect(previous?.age).toBe(31);
    expect((await User().findById(user._id))?.age).toBe(32);
    const upserted = await User().findOneAndUpdate({ email: 'new@example.vn' }, { $set: { name: 'New' } }, { new: true, upsert: true });
    expect(upserted?.email).toBe('new@example.vn');
    expect(upserted?.role).toBe('expert');
  });

  it('returns plain objects from lean queries and documents otherwise', async () => {
    await User().create({ email: 'lean@example.vn', name: 'Lean' });
    const lean = await User().findOne({ email: 'lean@example.vn' }).lean();
    const doc = await User().findOne({ email: 'lean@example.vn' });
    expect(lean).not.toBeInstanceOf(mongoose.Document);
    expect(Object.getPrototypeOf(lean)).toBe(Object.prototype);
    expect(lean?._id).toBeInstanceOf(Types.ObjectId);
    expect(doc).toBeInstanceOf(mongoose.Document);
    expect(doc?.get('name')).toBe('Lean');
  });

  it('populates a referenced document', async () => {
    const author = await User().create({ email: 'author@example.vn', name: 'Author' });
    await Post().create({ title: 'Populated', author: author._id });
    const post = await Post().findOne({ title: 'Populated' }).populate<{ author: { name: string; email: string } }>('author', 'name email').lean();
    expect(post?.author).toMatchObject({ name: 'Author', email: 'author@example.vn' });
    const missing = await Post().create({ title: 'Orphan', author: new Types.ObjectId() });
    const orphan = await Post().findById(missing._id).populate('author').lean();
    expect(orphan?.author).toBeNull();
  });

  it('round-trips Dates and ObjectIds exactly', async () => {
    const author = await User().create({ email: 'rt@example.vn', name: 'Round' });
    const at = new Date('2025-02-03T04:05:06.789Z');
    const created = await Post().create({ title: 'Round trip', author: author._id, at });
    const back = await Post().findById(created._id).lean();
    expect(back?.at).toBeInstanceOf(Date);
    expect(back?.at?.toISOString()).toBe('2025-02-03T04:05:06.789Z');
    expect(back?.author).toBeInstanceOf(Types.ObjectId);
    expect(String(back?.author)).toBe(String(author._id));
    expect(await Post().countDocuments({ at: { $gte: new Date('2025-02-03T04:05:06.789Z') }, _id: created._id })).toBe(1);
    expect(await Post().countDocuments({ author: author._id.toHexString() })).toBe(1);
  });

  it('searches text through the schema text index, ranked by score', async () => {
    const author = await User().create({ email: 'text@example.vn', name: 'Text' });
    await Post().create([
      { title: 'Hội chợ công nghệ Hải Phòng', body: 'IT fair', author: author._id },
      { title: 'Cloud meetup', body: 'công nghệ đám mây', author: author._id },
      { title: 'Cooking', body: 'phở', author: author._id },
    ]);
    const found = await Post()
      .find({ $text: { $search: 'cong nghe hai phong' } }, { score: { $meta: 'textScore' } })
      .sort({ score: { $meta: 'textScore' } })
      .lean();
    expect(found.map((p) => p.title)).toEqual(['Hội chợ công nghệ Hải Phòng', 'Cloud meetup']);
  });

  it('runs model.aggregate pipelines', async () => {
    const author = await User().create({ email: 'agg@example.vn', name: 'Agg' });
    await Post().create([
      { title: 'a1', author: author._id, views: 3 },
      { title: 'a2', author: author._id, views: 4 },
    ]);
    const [stats] = await Post().aggregate<{ _id: Types.ObjectId; posts: number; views: number }>([
      { $match: { author: author._id } },
      { $group: { _id: '$author', posts: { $sum: 1 }, views: { $sum: '$views' } } },
    ]);
    expect(stats).toEqual({ _id: author._id, posts: 2, views: 7 });
  });
});

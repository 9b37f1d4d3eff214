import type { Collection, Document, Sort } from 'mongodb';
import { ObjectId } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestMongo } from '../../support/mongo.js';

const PLACES = ['Hà Nội', 'Đà Nẵng', 'Hải Phòng', 'Cần Thơ', 'Huế'];
const SKILLS = ['kubernetes', 'go', 'react', 'python', 'rust', 'aws'];

/** Texts whose scores repeat a lot (ties) and differ a little (repeats, lengths), with some hidden. */
function seededThreads(count: number): Document[] {
  const base = new ObjectId().getTimestamp().getTime() / 1000;
  return Array.from({ length: count }, (_, i) => {
    const place = PLACES[i % PLACES.length] as string;
    const skill = SKILLS[(i * 7) % SKILLS.length] as string;
    const repeat = i % 11 === 0 ? ` ${place}` : '';
    const extra = i % 13 === 0 ? ' dự án công nghệ mới' : '';
    return {
      // _id order differs from insertion order, so "ties newest _id first" is not natural order.
      _id: ObjectId.createFromTime(base - ((i * 7919) % count)),
      title: `Kubernetes ở ${place}${repeat}`,
      body: `Chúng tôi tìm chuyên gia ${skill}${extra}.`,
      rank: i % 4,
      hidden: i % 9 === 0,
    };
  });
}

describe('MongoDB text search: the top of a ranked page', () => {
  const mongo = useTestMongo();
  let threads: Collection;

  beforeAll(async () => {
    threads = mongo.db.collection('threads_ranked');
    await threads.createIndex({ title: 'text', body: 'text' }, { weights: { title: 3 } });
    await threads.insertMany(seededThreads(3000));
  });

  const projection = { _id: 1, score: { $meta: 'textScore' } } as const;
  /** A page asked with skip and limit, as the forum asks it (the server keeps only the top). */
  const page = (filter: Document, sort: Sort, skip: number, limit: number) => threads.find(filter, { projection }).sort(sort).skip(skip).limit(limit).toArray();
  /** Every match fully sorted (no limit, so nothing is left out), then cut to the same page. */
  const fullySorted = async (filter: Document, sort: Sort, skip: number, limit: number) =>
    (await threads.find(filter, { projection }).sort(sort).toArray()).slice(skip, skip + limit);

  const cases: { name: string; filter: Document; sort: Sort }[] = [
    { name: 'score then newest _id', filter: { $text: { $search: 'da nang' }, hidden: false }, sort: { score: { $meta: 'textScore' }, _id: -1 } },
    { name: 'score then oldest _id', filter: { $text: { $search: 'hai phong react' } }, sort: { score: { $meta: 'textScore' }, _id: 1 } },
    { name: 'score alone (ties in natural order)', filter: { $text: { $search: 'kubernetes' } }, sort: { score: { $meta: 'textScore' } } },
    { name: 'score then a field with ties', filter: { $text: { $search: 'cong nghe rust' }, rank: { $lt: 3 } }, sort: { score: { $meta: 'textScore' }, rank: 1 } },
    { name: 'a phrase', filter: { $text: { $search: 'da nang "gia go"' } }, sort: { score: { $meta: 'textScore' }, _id: -1 } },
    { name: 'a negation', filter: { $text: { $search: 'kubernetes -python' } }, sort: { score: { $meta: 'textScore' }, _id: -1 } },
    { name: 'diacritic-sensitive', filter: { $text: { $search: 'Đà Nẵng', $diacriticSensitive: true } }, sort: { score: { $meta: 'textScore' }, _id: -1 } },
  ];

  it.each(cases)('answers each page exactly as the full sort of every match would: $name', async ({ filter, sort }) => {
    for (const [skip, limit] of [[0, 21], [20, 21], [480, 21], [0, 1]] as const) {
      expect(await page(filter, sort, skip, limit)).toEqual(await fullySorted(filter, sort, skip, limit));
    }
    expect((await page(filter, sort, 0, 21)).length).toBeGreaterThan(0);
  });

  it('ranks by the current text after edits and deletes', async () => {
    const sort = { score: { $meta: 'textScore' }, _id: -1 } as const;
    const filter = { $text: { $search: 'da nang' } };
    const [top] = await page(filter, sort, 0, 1);
    await threads.updateOne({ _id: top?._id }, { $set: { title: 'Kubernetes ở Huế' } });
    await threads.updateMany({ rank: 2, title: /Cần Thơ/ }, { $set: { title: 'Đà Nẵng Đà Nẵng Đà Nẵng' } });
    await threads.deleteMany({ rank: 1, title: /Đà Nẵng/ });
    const first = await page(filter, sort, 0, 21);
    expect(first.map((d) => d._id)).not.toContainEqual(top?._id);
    expect(first).toEqual(await fullySorted(filter, sort, 0, 21));
  });
});

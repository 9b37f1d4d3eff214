import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, createThread, must, noRateLimits } from '../../support/forum.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('forum: search', () => {
  let api: TestApi;
  let lan: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
    lan = await api.tokenFor([], 'Chị Lan');
    const categoryId = await createCategory(api, await api.tokenFor(['admin']));
    const threads = {
      haiPhong: { title: 'Tuyển kỹ sư Go ở Hải Phòng', body: 'Doanh nghiệp phần mềm cần người.' },
      daNang: { title: 'Gặp mặt chuyên gia ở Đà Nẵng', body: 'Cà phê cuối tuần, bàn chuyện công nghệ.' },
      congNghe: { title: 'Công nghệ chuỗi khối', body: 'Công nghệ mới, công nghệ cũ, công nghệ nào cũng bàn.', tags: ['blockchain'] },
      phrase: { title: 'Trí tuệ nhân tạo', body: 'Học máy cho ngân hàng nhân tạo trí tuệ.' },
    };
    for (const [key, fields] of Object.entries(threads)) ids[key] = await createThread(api, lan, categoryId, fields);
  });
  afterAll(async () => {
    await api.stop();
  });
  const search = async (q: string): Promise<string[]> =>
    (await must(api.call('GET', `/forum/threads?q=${encodeURIComponent(q)}`), 200)).items.map((t: { id: string }) => t.id);

  it('finds Vietnamese words typed without diacritics, đ included', async () => {
    expect(await search('hai phong')).toEqual([ids.haiPhong]);
    expect(await search('da nang')).toEqual([ids.daNang]);
    expect(await search('Đà Nẵng')).toEqual([ids.daNang]);
    expect(await search('DA NANG')).toEqual([ids.daNang]);
  });

  it('ranks by text score: the thread saying "công nghệ" most comes first', async () => {
    expect(await search('cong nghe')).toEqual([ids.congNghe, ids.daNang]);
  });

  it('matches quoted phrases only in that order', async () => {
    expect(await search('"tri tue nhan tao"')).toEqual([ids.phrase]);
    expect(await search('"nhan tao tri tue"')).toEqual([ids.phrase]);
    expect(await search('"tue tri"')).toEqual([]);
  });

  it('excludes threads with a -word', async () => {
    expect(await search('cong nghe -blockchain')).toEqual([ids.daNang]);
    expect(await search('cong nghe -"ca phe"')).toEqual([ids.congNghe]);
  });
});

describe('forum: paging while new threads arrive', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(noRateLimits);
  });
  afterAll(async () => {
    await api.stop();
  });

  it('shows no repeats and no gaps of older threads on page 2 after 5 new threads', async () => {
    const lan = await api.tokenFor([], 'Chị Lan');
    const categoryId = await createCategory(api, await api.tokenFor(['admin']));
    const older: string[] = [];
    for (let i = 0; i < 6; i += 1) older.unshift(await createThread(api, lan, categoryId, { title: `Cũ ${i}` }));
    const page1 = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}&limit=3`), 200);
    for (let i = 0; i < 5; i += 1) await createThread(api, lan, categoryId, { title: `Mới ${i}` });
    const page2 = await must(api.call('GET', `/forum/threads?categoryId=${categoryId}&limit=3&cursor=${page1.nextCursor}`), 200);
    const seen = [...page1.items, ...page2.items].map((t: { id: string }) => t.id);
    expect(seen).toEqual(older);
    expect(page2.nextCursor).toBeNull();
  });

  it('answers 400 to a forged cursor', async () => {
    const res = await api.call('GET', '/forum/threads?cursor=bm90LWEtY3Vyc29y');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('pagination.bad_cursor');
  });
});

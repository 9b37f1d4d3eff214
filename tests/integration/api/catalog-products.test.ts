import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, productInput } from '../../support/catalog.js';
import { startTestApi, type TestApi } from '../../support/service.js';

describe('catalogue: software products', () => {
  let api: TestApi;
  let owner: string;
  let outsider: string;
  let organiser: string;
  let firmId: string;

  beforeAll(async () => {
    api = await startTestApi();
    owner = await api.tokenFor([], 'Chị Lan (owner)');
    outsider = await api.tokenFor([], 'Outsider');
    organiser = await api.tokenFor(['organiser'], 'Sở TT&TT');
    firmId = (await must(api, 'POST', '/firms', owner, { name: 'Sông Hàn Tech', sector: 'software', size: '51-200', city: 'Đà Nẵng' })).id;
  });
  afterAll(async () => {
    await api.stop();
  });

  it('adds an open-source product with its SPDX licence spelt canonically', async () => {
    const res = await api.call('POST', '/catalog/products', { token: owner, body: productInput(firmId, { licence: 'apache-2.0 or mit' }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Sổ Cái Mở',
      vendor: { id: firmId, name: 'Sông Hàn Tech' },
      kind: 'open_source',
      licence: 'Apache-2.0 OR MIT',
      categories: ['kế toán', 'erp'],
    });
  });

  it('refuses open source without an SPDX licence or a repository, and plain-http links', async () => {
    const notSpdx = await api.call('POST', '/catalog/products', { token: owner, body: productInput(firmId, { licence: 'Apache 2' }) });
    expect(notSpdx.status).toBe(422);
    expect(notSpdx.body.error.code).toBe('product.licence_not_spdx');
    const noRepo = await api.call('POST', '/catalog/products', { token: owner, body: productInput(firmId, { repositoryUrl: undefined, websiteUrl: 'https://a.vn' }) });
    expect(noRepo.body.error.code).toBe('product.repository_required');
    const http = await api.call('POST', '/catalog/products', { token: owner, body: productInput(firmId, { repositoryUrl: 'http://github.com/x/y' }) });
    expect(http.status).toBe(400);
  });

  it('takes free-text licences for domestic products but needs a link', async () => {
    const body = productInput(firmId, { kind: 'domestic', licence: 'Thuê bao theo năm', repositoryUrl: undefined });
    expect((await api.call('POST', '/catalog/products', { token: owner, body })).body.error.code).toBe('product.link_required');
    const ok = await api.call('POST', '/catalog/products', { token: owner, body: { ...body, websiteUrl: 'https://hoadon.vn' } });
    expect(ok.status).toBe(201);
    expect(ok.body.licence).toBe('Thuê bao theo năm');
  });

  it('lets the vendor’s members and organisers edit and delete, nobody else', async () => {
    const { id } = await must(api, 'POST', '/catalog/products', organiser, productInput(firmId, { name: 'Cổng Dữ Liệu' }));
    const foreign = await api.call('PATCH', `/catalog/products/${id}`, { token: outsider, body: { name: 'Mine' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('product.not_vendor');
    const toDomestic = await api.call('PATCH', `/catalog/products/${id}`, {
      token: owner,
      body: { kind: 'domestic', licence: 'Bản quyền thương mại', repositoryUrl: null, websiteUrl: 'https://congdulieu.vn' },
    });
    expect(toDomestic.status).toBe(200);
    expect(toDomestic.body).toMatchObject({ kind: 'domestic', websiteUrl: 'https://congdulieu.vn' });
    expect(toDomestic.body.repositoryUrl).toBeUndefined();
    const backToOpen = await api.call('PATCH', `/catalog/products/${id}`, { token: owner, body: { kind: 'open_source' } });
    expect(backToOpen.body.error.code).toBe('product.licence_not_spdx');
    expect((await api.call('DELETE', `/catalog/products/${id}`, { token: outsider })).status).toBe(403);
    expect((await api.call('DELETE', `/catalog/products/${id}`, { token: organiser })).status).toBe(204);
    expect((await api.call('GET', `/catalog/products/${id}`)).status).toBe(404);
  });

  describe('listing', () => {
    let vendorId: string;
    const names = (body: { items: { name: string }[] }) => body.items.map((p) => p.name);
    beforeAll(async () => {
      vendorId = (await must(api, 'POST', '/firms', owner, { name: 'Hội An Soft', sector: 'software', size: '1-10', city: 'Hội An' })).id;
      const add = (overrides: Record<string, unknown>) => must(api, 'POST', '/catalog/products', owner, productInput(vendorId, overrides));
      await add({ name: 'Phần mềm Hóa Đơn', kind: 'domestic', licence: 'Thương mại', repositoryUrl: undefined, websiteUrl: 'https://hd.vn', categories: ['Hóa đơn'] });
      await add({ name: 'Bộ gõ Tiếng Việt', licence: 'GPL-3.0-or-later', categories: ['Tiện ích'], description: { en: 'Vietnamese input method' } });
      await add({ name: 'Đám Mây Riêng', licence: 'MIT', categories: ['Hạ tầng', 'Điện toán đám mây'] });
    });

    it('finds "phần mềm" when someone types "phan mem"', async () => {
      const res = await api.call('GET', `/catalog/products?vendorFirmId=${vendorId}&q=${encodeURIComponent('phan mem hoa don')}`);
      expect(names(res.body)[0]).toBe('Phần mềm Hóa Đơn');
      const dam = await api.call('GET', `/catalog/products?vendorFirmId=${vendorId}&q=dam%20may`);
      expect(names(dam.body)).toEqual(['Đám Mây Riêng']);
    });

    it('filters by kind and by categories typed without accents', async () => {
      const open = await api.call('GET', `/catalog/products?vendorFirmId=${vendorId}&kind=open_source`);
      expect(names(open.body)).toEqual(['Đám Mây Riêng', 'Bộ gõ Tiếng Việt']);
      const tagged = await api.call('GET', `/catalog/products?vendorFirmId=${vendorId}&categories=${encodeURIComponent('hoa don,ha tang')}`);
      expect(names(tagged.body)).toEqual(['Đám Mây Riêng', 'Phần mềm Hóa Đơn']);
    });

    it('pages with a keyset cursor without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/catalog/products?vendorFirmId=${vendorId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await api.call('GET', query);
        seen.push(...names(page.body));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['Đám Mây Riêng', 'Bộ gõ Tiếng Việt', 'Phần mềm Hóa Đơn']);
    });
  });
});

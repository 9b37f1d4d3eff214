/** Authorization-matrix rows for the catalogue, attendance and reports routes; the matrix test installs them. */
import { eventModel } from '../../src/domain/events/event.model.js';
import { firmProject, must, productInput } from './catalog.js';
import { seminarInput } from './events.js';
import { everyone, signedIn, type Row } from './matrix.js';
import type { TestApi } from './service.js';

/** What the rows need from the matrix's world: the API, tokens, and the (verified) firm of the firm owner and staff. */
export interface CatalogMatrixWorld {
  api: TestApi;
  admin: string;
  firmOwner: string;
  expert: string;
  firmId: string;
}

const someUserId = '665f1c2e8b3e4a0012345678';

/** The rows; `world()` is read when a row runs, after the matrix has built its world. */
export function catalogMatrixRows(world: () => CatalogMatrixWorld): Row[] {
  const project = (draft = false) => firmProject(world().api, world().firmOwner, world().firmId, draft);
  const interest = async () => {
    const id = await project();
    return (await must(world().api, 'POST', `/catalog/projects/${id}/interest`, world().expert, {})).id;
  };
  const product = async () => (await must(world().api, 'POST', '/catalog/products', world().firmOwner, productInput(world().firmId))).id;
  /** A published seminar the admin organises, moved to have started an hour ago. */
  const startedEvent = async () => {
    const { api, admin } = world();
    const { id } = await must(api, 'POST', '/events', admin, seminarInput());
    await must(api, 'POST', `/events/${id}/publish`, admin);
    await eventModel(api.service.connection).updateOne({ _id: id }, { $set: { startsAt: new Date(Date.now() - 3_600_000) } });
    return id;
  };
  const insiders = (status: number) => ({ firmOwner: status, firmStaff: status, admin: status });
  const ownerAnswers = { ...signedIn(404), firmOwner: 200, firmStaff: 200, expert: 403, admin: 403 };
  return [
    {
      op: 'createCatalogProject',
      expect: { ...signedIn(403), ...insiders(201) },
      call: (c) => c.call('POST', '/catalog/projects', { ...smallProject(), ownerFirmId: world().firmId }),
    },
    { op: 'listCatalogProjects', expect: everyone(200), call: (c) => c.call('GET', '/catalog/projects?stage=prototype&amountMin=100000') },
    { op: 'getCatalogProject', expect: { ...everyone(404), ...insiders(200) }, call: async (c) => c.call('GET', `/catalog/projects/${await project(true)}`) },
    {
      op: 'updateCatalogProject',
      expect: { ...signedIn(404), ...insiders(200) },
      call: async (c) => c.call('PATCH', `/catalog/projects/${await project(true)}`, { city: 'Huế' }),
    },
    { op: 'publishCatalogProject', expect: { ...signedIn(404), ...insiders(200) }, call: async (c) => c.call('POST', `/catalog/projects/${await project(true)}/publish`) },
    { op: 'closeCatalogProject', expect: { ...signedIn(403), ...insiders(200) }, call: async (c) => c.call('POST', `/catalog/projects/${await project()}/close`) },
    {
      op: 'expressProjectInterest', // the owner's own people may not: 422 interest.own_project
      expect: { ...signedIn(201), firmOwner: 422, firmStaff: 422 },
      call: async (c) => c.call('POST', `/catalog/projects/${await project()}/interest`, { message: 'Quỹ của chúng tôi quan tâm.' }),
    },
    { op: 'listMyProjectInterests', expect: signedIn(200), call: (c) => c.call('GET', '/catalog/interests?status=requested') },
    {
      op: 'getProjectInterest',
      expect: { ...signedIn(404), expert: 200, ...insiders(200) },
      call: async (c) => c.call('GET', `/catalog/interests/${await interest()}`),
    },
    { op: 'acceptProjectInterest', expect: ownerAnswers, call: async (c) => c.call('POST', `/catalog/interests/${await interest()}/accept`) },
    { op: 'declineProjectInterest', expect: ownerAnswers, call: async (c) => c.call('POST', `/catalog/interests/${await interest()}/decline`) },
    {
      op: 'withdrawProjectInterest',
      expect: { ...signedIn(404), expert: 200, firmOwner: 403, firmStaff: 403, admin: 403 },
      call: async (c) => c.call('POST', `/catalog/interests/${await interest()}/withdraw`),
    },
    {
      op: 'createCatalogProduct',
      expect: { ...signedIn(403), ...insiders(201) },
      call: (c) => c.call('POST', '/catalog/products', productInput(world().firmId)),
    },
    { op: 'listCatalogProducts', expect: everyone(200), call: (c) => c.call('GET', '/catalog/products?kind=open_source&categories=ke%20toan') },
    { op: 'getCatalogProduct', expect: everyone(200), call: async (c) => c.call('GET', `/catalog/products/${await product()}`) },
    {
      op: 'updateCatalogProduct',
      expect: { ...signedIn(403), ...insiders(200) },
      call: async (c) => c.call('PATCH', `/catalog/products/${await product()}`, { websiteUrl: 'https://socaimo.vn' }),
    },
    { op: 'deleteCatalogProduct', expect: { ...signedIn(403), ...insiders(204) }, call: async (c) => c.call('DELETE', `/catalog/products/${await product()}`) },
    {
      op: 'markEventAttendance', // an event is public once published: outsiders learn it exists, so 403
      expect: { ...signedIn(403), admin: 200 },
      call: async (c) => c.call('POST', `/events/${await startedEvent()}/attendance`, { userIds: [someUserId] }),
    },
    { op: 'getProgrammeReport', expect: { ...signedIn(403), admin: 200 }, call: (c) => c.call('GET', '/reports/programme?year=2026&month=11') },
    { op: 'getProgrammeReportCsv', expect: { ...signedIn(403), admin: 200 }, call: (c) => c.call('GET', '/reports/programme.csv?year=2026') },
  ];
}

function smallProject(): Record<string, unknown> {
  return {
    title: { vi: 'Robot kiểm kho' },
    summary: { en: 'Warehouse robots.' },
    sector: 'logistics',
    amountUsd: { min: 50_000, max: 50_000 },
    stage: 'idea',
    city: 'Huế',
  };
}

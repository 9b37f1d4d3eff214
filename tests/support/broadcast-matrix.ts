/** Authorization-matrix rows for the broadcast and dead-letter routes; the matrix test installs them. */
import { signedIn, type Row } from './matrix.js';
import type { TestApi } from './service.js';

const segment = { audience: 'experts' };
const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

/** The rows; `world()` is read when a row runs, after the matrix has built its world. */
export function broadcastMatrixRows(world: () => { api: TestApi; admin: string }): Row[] {
  const scheduled = async () => {
    const { api, admin } = world();
    const res = await api.call('POST', '/broadcasts', { token: admin, body: { segment, text: { vi: 'Xin chào' }, sendAt: inADay() } });
    if (res.status !== 201) throw new Error(`setup expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const organisers = (status: number) => ({ ...signedIn(403), admin: status });
  return [
    { op: 'previewBroadcast', expect: organisers(200), call: (c) => c.call('POST', '/broadcasts/preview', { segment }) },
    { op: 'createBroadcast', expect: organisers(201), call: (c) => c.call('POST', '/broadcasts', { segment, text: { en: 'Hello' }, sendAt: inADay() }) },
    { op: 'listBroadcasts', expect: organisers(200), call: (c) => c.call('GET', '/broadcasts') },
    { op: 'getBroadcast', expect: organisers(200), call: async (c) => c.call('GET', `/broadcasts/${await scheduled()}`) },
    { op: 'cancelBroadcast', expect: organisers(200), call: async (c) => c.call('POST', `/broadcasts/${await scheduled()}/cancel`) },
    // Dead letters: admins only; an unknown delivery answers 404 once access is granted.
    { op: 'listDeadDeliveries', expect: organisers(200), call: (c) => c.call('GET', '/admin/deliveries?status=failed') },
    { op: 'retryDelivery', expect: organisers(404), call: (c) => c.call('POST', '/admin/deliveries/665f1c2e8b3e4a0012345678/retry') },
  ];
}

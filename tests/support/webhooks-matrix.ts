/** Authorization-matrix rows for the webhook endpoint routes; the matrix test installs them. */
import { signedIn, type Expected, type Row } from './matrix.js';
import type { TestApi } from './service.js';

/** A receiver nobody listens on: managing endpoints never sends anything. */
const RECEIVER = 'http://127.0.0.1:9/hooks';

/** The rows; `world()` is read when a row runs. Endpoints belong to firmOwner's firm. */
export function webhookMatrixRows(world: () => { api: TestApi; firmOwner: string; firmId: string }): Row[] {
  const firmEndpoint = async () => {
    const { api, firmOwner, firmId } = world();
    const res = await api.call('POST', '/webhooks', { token: firmOwner, body: { url: RECEIVER, events: ['request.published'], firmId } });
    if (res.status !== 201) throw new Error(`setup expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  // One endpoint serves the rows that leave it in place (a firm may have only ten).
  let shared: Promise<string> | undefined;
  const sharedEndpoint = () => (shared ??= firmEndpoint());
  // Only the firm's owners and admins manage its endpoints; to anyone else they do not exist.
  const managers = (status: number): Expected => ({ ...signedIn(404), firmOwner: status, admin: status });
  return [
    {
      op: 'createWebhook',
      expect: { ...signedIn(403), firmOwner: 201, admin: 201 },
      call: (c) => c.call('POST', '/webhooks', { url: RECEIVER, events: ['request.published'], firmId: world().firmId }),
    },
    { op: 'listWebhooks', expect: signedIn(200), call: (c) => c.call('GET', '/webhooks') },
    { op: 'getWebhook', expect: managers(200), call: async (c) => c.call('GET', `/webhooks/${await sharedEndpoint()}`) },
    { op: 'updateWebhook', expect: managers(200), call: async (c) => c.call('PATCH', `/webhooks/${await sharedEndpoint()}`, { description: 'CRM' }) },
    {
      op: 'deleteWebhook',
      expect: managers(204),
      // Those who may delete get an endpoint of their own to delete; the others try the shared one.
      call: async (c) => c.call('DELETE', `/webhooks/${c.persona === 'firmOwner' || c.persona === 'admin' ? await firmEndpoint() : await sharedEndpoint()}`),
    },
    { op: 'rotateWebhookSecret', expect: managers(200), call: async (c) => c.call('POST', `/webhooks/${await sharedEndpoint()}/rotate-secret`) },
    { op: 'pauseWebhook', expect: managers(200), call: async (c) => c.call('POST', `/webhooks/${await sharedEndpoint()}/pause`) },
    { op: 'testWebhook', expect: managers(200), call: async (c) => c.call('POST', `/webhooks/${await sharedEndpoint()}/test`) },
    { op: 'resumeWebhook', expect: managers(200), call: async (c) => c.call('POST', `/webhooks/${await sharedEndpoint()}/resume`) },
  ];
}

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webhookEndpointModel } from '../../../src/domain/webhooks/webhook-endpoint.model.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { signedWith, WebhookReceiver } from '../../support/webhook-receiver.js';

let api: TestApi;
let admin: string;
let receiver: WebhookReceiver;

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.tokenFor(['admin'], 'Quản trị');
  receiver = await WebhookReceiver.start();
});
afterAll(async () => {
  await receiver.close();
  await api.stop();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer = () => ({ status: 200 });
});

async function createEndpoint(path = '/hooks'): Promise<{ id: string; secret: string }> {
  const res = await api.call('POST', '/webhooks', { token: admin, body: { url: receiver.url(path), events: ['request.published'], description: 'Cổng thông tin' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string };
}

describe('webhook endpoints', () => {
  it('shows a Standard Webhooks secret once and keeps only a sealed copy', async () => {
    const { id, secret } = await createEndpoint();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    const shown = await api.call('GET', `/webhooks/${id}`, { token: admin });
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).not.toContain(secret.slice(6));
    expect(shown.body.secrets).toHaveLength(1);
    const stored = await webhookEndpointModel(api.service.connection).collection.findOne({});
    expect(JSON.stringify(stored)).not.toContain(secret.slice(6));
  });

  it('signs a test ping so the receiver can verify it with the specification’s algorithm', async () => {
    const { id, secret } = await createEndpoint();
    const res = await api.call('POST', `/webhooks/${id}/test`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ delivered: true, statusCode: 200 });
    const [got] = receiver.received;
    expect(got?.headers['webhook-id']).toBe(res.body.webhookId);
    expect(Number(got?.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
    expect(got && signedWith(secret, got)).toBe(true);
    expect(got && signedWith(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, got)).toBe(false);
    expect(JSON.parse(got?.body ?? '{}')).toMatchObject({ type: 'ping', version: 1, data: { endpointId: id } });
  });

  it('signs with the old and the new secret for a day after a rotation', async () => {
    const { id, secret: old } = await createEndpoint();
    const rotated = await api.call('POST', `/webhooks/${id}/rotate-secret`, { token: admin });
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.secret as string;
    expect(fresh).not.toBe(old);
    expect(rotated.body.secrets).toHaveLength(2);
    const expiresAt = Date.parse(rotated.body.secrets[1].expiresAt as string);
    expect(expiresAt - Date.now()).toBeGreaterThan(23 * 3600_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    await api.call('POST', `/webhooks/${id}/test`, { token: admin });
    const [got] = receiver.received;
    expect(got && signedWith(fresh, got)).toBe(true);
    expect(got && signedWith(old, got)).toBe(true);
  });

  it('reports a receiver’s refusal and follows no redirect', async () => {
    const { id } = await createEndpoint('/moved');
    receiver.answer = (r) => (r.path === '/moved' ? { status: 302, headers: { location: receiver.url('/elsewhere') } } : { status: 200 });
    const moved = await api.call('POST', `/webhooks/${id}/test`, { token: admin });
    expect(moved.body).toMatchObject({ delivered: false, statusCode: 302 });
    expect(receiver.received.map((r) => r.path)).toEqual(['/moved']);
    receiver.answer = () => ({ status: 410 });
    expect((await api.call('POST', `/webhooks/${id}/test`, { token: admin })).body).toMatchObject({ delivered: false, statusCode: 410 });
  });

  it('refuses private, link-local, metadata and non-https URLs with a reason, in the caller’s language', async () => {
    for (const url of ['http://10.0.0.5/hook', 'https://192.168.1.10/hook', 'https://169.254.169.254/latest/meta-data', 'https://[fe80::1]/x', 'https://[::ffff:10.0.0.1]/x', 'http://example.com/hook', 'ftp://example.com/x', 'https://user:pw@example.com/x', 'https://metadata.google.internal/x']) {
      const res = await api.call('POST', '/webhooks', { token: admin, lang: 'vi', body: { url, events: ['event.published'] } });
      expect(res.status, url).toBe(422);
      expect(res.body.error.code, url).toBe('webhook.url_refused');
      expect(res.body.error.message).toMatch(/webhook/);
      expect(typeof res.body.error.details.reason).toBe('string');
    }
    expect(await webhookEndpointModel(api.service.connection).countDocuments({ url: /10\.0\.0\.5|169\.254/ })).toBe(0);
  });

  it('pauses, resumes, changes and removes an endpoint', async () => {
    const { id } = await createEndpoint();
    expect((await api.call('POST', `/webhooks/${id}/pause`, { token: admin })).body.status).toBe('paused');
    expect((await api.call('POST', `/webhooks/${id}/resume`, { token: admin })).body.status).toBe('active');
    const changed = await api.call('PATCH', `/webhooks/${id}`, { token: admin, body: { events: ['event.cancelled', 'event.cancelled'] } });
    expect(changed.body.events).toEqual(['event.cancelled']);
    expect((await api.call('PATCH', `/webhooks/${id}`, { token: admin, body: { url: 'https://10.1.2.3/x' } })).status).toBe(422);
    expect((await api.call('GET', `/webhooks/${id}`, { token: admin })).body.url).toBe(receiver.url());
    expect((await api.call('DELETE', `/webhooks/${id}`, { token: admin })).status).toBe(204);
    expect((await api.call('GET', `/webhooks/${id}`, { token: admin })).status).toBe(404);
  });
});

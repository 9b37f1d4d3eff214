import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueue, QUEUE_NAMES } from '../../../jobs/queues.js';
import { startTestApi, type TestApi } from '../../support/service.js';

const basic = (token: string) => `Basic ${Buffer.from(`admin:${token}`).toString('base64')}`;

describe('operator pages: metrics and the queue dashboard', () => {
  let api: TestApi;
  let admin: string;
  let member: string;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.tokenFor(['admin']);
    member = await api.tokenFor([]);
  });
  afterAll(async () => {
    await api.stop();
  });

  const get = (path: string, authorization?: string) => fetch(`${api.url}${path}`, { headers: authorization ? { authorization } : {} });

  it('asks anonymous callers to sign in (so a browser prompts) and refuses members', async () => {
    for (const path of ['/metrics', '/admin/queues']) {
      const anonymous = await get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('auth.required');
      const wrong = await get(path, basic('vnb_not-a-token'));
      expect(wrong.status).toBe(401);
      expect((await get(path, `Bearer ${member}`)).status).toBe(403);
    }
  });

  it('shows admins the queue depths and delivery totals in Prometheus format', async () => {
    // A job waits in the fan-out queue: no worker runs in an API-only process.
    const fanout = openQueue(QUEUE_NAMES.fanout, api.service.queueSettings);
    try {
      await fanout.add('fanout', { noticeId: 'n-1' }, { jobId: 'n-1' });
      const res = await get('/metrics', `Bearer ${admin}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await res.text();
      expect(text).toContain('vnb_queue_jobs{queue="fanout",state="waiting"} 1');
      expect(text).toContain('vnb_queue_jobs{queue="deliver-telegram",state="failed"} 0');
      expect(text).toMatch(/# TYPE vnb_deliveries gauge/);
      expect(text).toMatch(/vnb_process_cpu_seconds_total/);
    } finally {
      await fanout.obliterate({ force: true });
      await fanout.close();
    }
  });

  it('opens the queue dashboard for an admin who signs in with the token as password', async () => {
    const page = await get('/admin/queues', basic(admin));
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const listing = await get('/admin/queues/api/queues', basic(admin));
    expect(listing.status).toBe(200);
    const names = ((await listing.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(Object.values(QUEUE_NAMES)));
  });
});

describe('a worker-only process', () => {
  it('serves metrics to admins but no API', async () => {
    const worker = await startTestApi({}, ['worker']);
    try {
      const admin = await worker.tokenFor(['admin']);
      const metrics = await fetch(`${worker.url}/metrics`, { headers: { authorization: `Bearer ${admin}` } });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('vnb_queue_jobs');
      expect((await worker.call('GET', '/requests')).status).toBe(404);
    } finally {
      await worker.stop();
    }
  });
});

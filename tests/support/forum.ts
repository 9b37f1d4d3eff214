/** Helpers for the forum API tests: a category, threads and replies made over HTTP. */
import type { ApiAnswer, TestApi } from './service.js';

/** Fails loudly when a setup call does not answer as expected, so the test blames the right step. */
export async function must(pending: Promise<ApiAnswer>, status = 201): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read shapes freely
  const res = await pending;
  if (res.status !== status) throw new Error(`setup expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

let slugs = 0;

/** A new category made by the admin; returns its id. */
export async function createCategory(api: TestApi, admin: string, name = 'Cloud'): Promise<string> {
  slugs += 1;
  const body = { slug: `cat-${slugs}-${Date.now()}`, name: { vi: name, en: name } };
  return (await must(api.call('POST', '/forum/categories', { token: admin, body }))).id as string;
}

/** A new thread by `token` in the category; returns its id. */
export async function createThread(
  api: TestApi,
  token: string,
  categoryId: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  const body = { categoryId, title: 'Kubernetes ở Đà Nẵng', body: 'Ai đang dùng k8s?', locale: 'vi', ...fields };
  return (await must(api.call('POST', '/forum/threads', { token, body }))).id as string;
}

/** A reply by `token`; returns its id. */
export async function reply(api: TestApi, token: string, threadId: string, body = 'Chúng tôi dùng EKS.'): Promise<string> {
  return (await must(api.call('POST', `/forum/threads/${threadId}/posts`, { token, body: { body } }))).id as string;
}

/** Rate limits high enough for a test that makes many calls. */
export const noRateLimits = { RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANON_PER_MINUTE: '1000000' };

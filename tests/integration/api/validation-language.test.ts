import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../src/api/routes/index.js';
import type { Locale } from '../../../src/i18n/messages.js';
import { englishWordsIn } from '../../support/english-words.js';
import { startTestApi, type TestApi } from '../../support/service.js';
import { VALID_BODIES } from '../../support/valid-bodies.js';

/**
 * Every body route, sent invalid bodies under Accept-Language: vi, answers with field
 * messages in Vietnamese only; and the language of an answer follows Accept-Language, else
 * the signed-in person's own language.
 */

const SOME_ID = '665f1c2e8b3e4a0012345678';
const WRONG_VALUES: readonly unknown[] = [123, true, null, '', 'x'.repeat(5000), [], { vi: 1 }];
const future = Date.now() + 30 * 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Mistakes a person makes that a type change would not: order of dates, codes, zones. */
const SEMANTIC_CASES: Record<string, Record<string, unknown>[]> = {
  createEvent: [
    { ...VALID_BODIES.createEvent, endsAt: iso(future - 3_600_000), startsAt: iso(future) },
    { ...VALID_BODIES.createEvent, kind: 'contest' },
    { ...VALID_BODIES.createEvent, place: undefined, onlineUrl: undefined, title: {} },
    { ...VALID_BODIES.createEvent, timezone: 'Mars/Olympus', startsAt: '2026-05-01 09:00' },
  ],
  createMeetingSlot: [{ startsAt: iso(future), endsAt: iso(future - 60_000) }],
  putMyExpertProfile: [{ ...VALID_BODIES.putMyExpertProfile, country: 'Germany', languages: ['english'], skills: ['   '], timezone: 'Nowhere/City' }],
  updateMe: [
    { notifications: { channels: ['telegram', 'telegram'], quietHours: { start: '25:00', end: '7pm' } }, contact: { phone: 'call me', telegram: '!!', email: 'lan@', linkedin: 'not a url' } },
  ],
  flagForumThread: [{ reason: 'other' }],
  createCatalogProject: [{ ...VALID_BODIES.createCatalogProject, amountUsd: { min: 9, max: 1 } }],
  createForumCategory: [{ ...VALID_BODIES.createForumCategory, slug: 'Not A Slug', name: {} }],
  editForumThread: [{}],
  moderateForumThread: [{}],
  updateRequest: [{ timezoneWindow: { timezone: 'Asia/Ho_Chi_Minh', startHour: 9, endHour: 9 } }],
  publishContestResults: [{ ranking: [{ submissionId: SOME_ID, prize: 'a' }, { submissionId: SOME_ID, prize: 'b' }] }],
  subscribe: [{ kind: 'tag', value: '!!!' }, { kind: 'skill_set', value: 'k8s' }],
};

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const key = Array.isArray(value) ? Number(k) : k;
    return [[...prefix, key], ...pathsOf(v, [...prefix, key])];
  });
}

function withValueAt(body: Record<string, unknown>, path: Path, value: unknown, drop = false): Record<string, unknown> {
  const copy = structuredClone(body);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (drop) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** Almost-valid bodies: each field dropped or given each wrong value, one key too many, nothing at all. */
function invalidBodiesFor(operationId: string): unknown[] {
  const valid = VALID_BODIES[operationId] ?? { userId: SOME_ID, role: 'staff', expertId: SOME_ID, firmId: SOME_ID, message: 'x' };
  const bodies: unknown[] = [{}, [], { ...valid, unexpectedField: 1 }, ...(SEMANTIC_CASES[operationId] ?? [])];
  for (const path of pathsOf(valid)) {
    bodies.push(withValueAt(valid, path, undefined, true));
    for (const wrong of WRONG_VALUES) bodies.push(withValueAt(valid, path, wrong));
  }
  return bodies;
}

interface ErrorAnswer {
  status: number;
  error?: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } };
}

let api: TestApi;
let admin: string;

async function send(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<ErrorAnswer> {
  const res = await fetch(`${api.url}/api/v1${path}`, {
    method: method.toUpperCase(),
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as { error?: ErrorAnswer['error'] };
  return { status: res.status, ...(json.error ? { error: json.error } : {}) };
}

/** Every message of an error answer: its own and each field's. */
const messagesOf = (answer: ErrorAnswer) => [answer.error?.message ?? '', ...(answer.error?.details?.issues ?? []).map((i) => i.message)];

async function tokenFor(locale: Locale, roles: ('admin' | 'organiser')[] = []): Promise<string> {
  const user = await api.service.services.users.create({ displayName: `Người dùng ${locale}`, roles, locale });
  return (await api.service.services.tokens.issue(user._id, { name: 'test' })).token;
}

async function inParallel<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

const bodyRoutes = apiRoutes.filter((r) => r.body);
const urlOf = (path: string) => path.replace(/\{\w+\}/g, SOME_ID);

describe('validation messages in the caller’s language', () => {
  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_PER_MINUTE: '1000000', RATE_LIMIT_ANON_PER_MINUTE: '1000000' });
    admin = await tokenFor('en', ['admin', 'organiser']);
  }, 60_000);
  afterAll(async () => {
    await api.stop();
  });

  it('answers invalid bodies of every body route under vi with no English field message', async () => {
    const cases = bodyRoutes.flatMap((route) => invalidBodiesFor(route.operationId).map((body) => ({ route, body })));
    const english: string[] = [];
    let issuesChecked = 0;
    await inParallel(cases, 6, async ({ route, body }) => {
      const answer = await send(route.method, urlOf(route.path), body, { authorization: `Bearer ${admin}`, 'accept-language': 'vi' });
      if (answer.status < 400) return;
      issuesChecked += answer.error?.details?.issues?.length ?? 0;
      for (const message of messagesOf(answer)) {
        const words = englishWordsIn(message);
        if (words.length > 0) english.push(`${route.operationId}: "${message}" (${words.join(', ')})`);
      }
    });
    expect([...new Set(english)].slice(0, 40)).toEqual([]);
    // Enough field messages were looked at for the check to mean something.
    expect(issuesChecked).toBeGreaterThan(bodyRoutes.length * 10);
  }, 300_000);

  it('the same invalid bodies under en do read as English (the check can tell)', async () => {
    const answer = await send('put', '/experts/me', SEMANTIC_CASES.putMyExpertProfile?.[0], { authorization: `Bearer ${admin}`, 'accept-language': 'en' });
    expect(answer.status).toBe(400);
    expect(messagesOf(answer).every((m) => englishWordsIn(m).length > 0)).toBe(true);
  });

  it('names each field problem in Vietnamese: dates in order, codes, zones, required fields', async () => {
    const answer = await send('post', '/events', { ...VALID_BODIES.createEvent, endsAt: iso(future - 3_600_000), startsAt: iso(future) }, {
      authorization: `Bearer ${admin}`,
      'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5',
    });
    expect(answer.status).toBe(400);
    expect(answer.error?.message).toBe('Yêu cầu có trường không hợp lệ; xem details.issues.');
    expect(answer.error?.details?.issues).toContainEqual(expect.objectContaining({ path: 'body.endsAt', message: 'endsAt phải sau startsAt' }));
    const profile = await send('put', '/experts/me', { headline: 'Kỹ sư' }, { authorization: `Bearer ${admin}`, 'accept-language': 'vi' });
    expect(profile.error?.details?.issues).toContainEqual(expect.objectContaining({ path: 'body.country', message: 'Bắt buộc phải có' }));
  });

  it('follows Accept-Language by quality, else (none, or "*") the signed-in person’s language', async () => {
    const vietnamese = await tokenFor('vi');
    const english = await tokenFor('en');
    const bad = { country: 'Germany' };
    const languageOf = async (token: string, acceptLanguage?: string) => {
      const answer = await send('put', '/experts/me', bad, { authorization: `Bearer ${token}`, ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}) });
      const messages = messagesOf(answer);
      const englishCount = messages.filter((m) => englishWordsIn(m).length > 0).length;
      // Never a mix: every message in one language.
      expect([0, messages.length]).toContain(englishCount);
      return englishCount === 0 ? 'vi' : 'en';
    };
    expect(await languageOf(vietnamese)).toBe('vi');
    expect(await languageOf(vietnamese, '*')).toBe('vi');
    expect(await languageOf(vietnamese, 'fr-FR, *;q=0.5')).toBe('vi');
    expect(await languageOf(vietnamese, 'en-GB')).toBe('en');
    expect(await languageOf(english)).toBe('en');
    expect(await languageOf(english, 'fr, vi;q=0.3, en;q=0.2')).toBe('vi');
    expect(await languageOf(english, 'vi;q=0, en')).toBe('en');
  });
});

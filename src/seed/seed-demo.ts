import type { Connection, Types } from 'mongoose';
import type { Actor } from '../domain/auth/api-token.service.js';
import type { DomainServices } from '../domain/domain-services.js';
import { createEventInput } from '../domain/events/event.schemas.js';
import { expertProfileInput } from '../domain/experts/expert.schemas.js';
import { createFirmInput } from '../domain/firms/firm.schemas.js';
import { createRequestInput } from '../domain/requests/request.schemas.js';
import type { User } from '../domain/users/user.model.js';
import type { Role } from '../domain/users/roles.js';
import { createCategoryInput, createThreadInput } from '../domain/forum/forum.schemas.js';
import { DEMO_CATEGORIES, DEMO_EXPERTS, DEMO_FIRMS, DEMO_REQUESTS, DEMO_THREADS } from './demo-content.js';

const MARKER = { collection: 'seed_runs', id: 'demo-v1' };
const DAY = 86_400_000;

/** What the demo seed created, and the token to explore it with (shown once). */
export interface SeedReport {
  seeded: boolean;
  counts: Record<string, number>;
  token?: string;
}

function actorOf(user: User): Actor {
  return { userId: user._id, roles: user.roles, locale: user.locale };
}

/** True when the database has no users yet: a fresh installation. */
export async function databaseIsEmpty(connection: Connection): Promise<boolean> {
  return (await connection.collection('users').estimatedDocumentCount()) === 0;
}

/**
 * Fills a database with bilingual demo content: experts in several countries, verified
 * firms with open requests, an upcoming seminar and this year's IT fair. Runs once per
 * database (a marker document remembers it).
 */
export async function seedDemo(connection: Connection, services: DomainServices, now: Date = new Date()): Promise<SeedReport> {
  const markers = connection.collection<{ _id: string; at: Date }>(MARKER.collection);
  if (await markers.findOne({ _id: MARKER.id })) return { seeded: false, counts: {} };
  const person = (displayName: string, roles: Role[] = []) => services.users.create({ displayName, roles, locale: 'vi' });

  const office = await person('Ban điều phối chương trình CNTT · IT programme office', ['admin', 'organiser']);
  const { token } = await services.tokens.issue(office._id, { name: 'demo explorer' });

  const people = new Map<string, Actor>();
  for (const e of DEMO_EXPERTS) {
    const user = await person(e.name);
    people.set(e.name, actorOf(user));
    const { name: _name, ...profile } = e;
    await services.experts.putOwn(user._id, expertProfileInput.parse(profile));
  }

  const firms = new Map<string, { owner: Actor; id: Types.ObjectId }>();
  for (const f of DEMO_FIRMS) {
    const owner = actorOf(await person(f.owner));
    people.set(f.owner, owner);
    const { owner: _owner, ...input } = f;
    const firm = await services.firms.create(owner, createFirmInput.parse(input));
    await services.firms.setVerified(actorOf(office), firm._id, true);
    firms.set(f.name, { owner, id: firm._id });
  }

  for (const { firm, ...input } of DEMO_REQUESTS) {
    const { owner, id } = firms.get(firm) as { owner: Actor; id: Types.ObjectId };
    const draft = await services.requests.create(owner, id, createRequestInput.parse(input));
    await services.requests.transition(owner, draft._id, 'publish');
  }

  const events = await seedEvents(services, actorOf(office), now);
  const threads = await seedForum(services, actorOf(office), people);
  await markers.insertOne({ _id: MARKER.id, at: now });
  return {
    seeded: true,
    counts: { experts: DEMO_EXPERTS.length, firms: DEMO_FIRMS.length, requests: DEMO_REQUESTS.length, events, threads },
    token,
  };
}

/** An upcoming seminar in three weeks and this year's IT fair (next year's, once this year's has passed). */
async function seedEvents(services: DomainServices, organiser: Actor, now: Date): Promise<number> {
  const seminarStart = new Date(Math.ceil((now.getTime() + 21 * DAY) / DAY) * DAY + 2 * 3_600_000); // 09:00 in Vietnam
  const fairYear = now.getUTCMonth() === 11 && now.getUTCDate() > 10 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  const fairStart = new Date(Date.UTC(fairYear, 11, 12, 1, 0));
  const drafts = [
    {
      kind: 'seminar',
      title: { vi: 'Hội thảo: Đưa hệ thống lên đám mây an toàn', en: 'Seminar: moving to the cloud safely' },
      body: {
        vi: 'Chuyên gia kiều bào chia sẻ kinh nghiệm vận hành Kubernetes ở châu Âu. Trực tiếp tại Đà Nẵng và trực tuyến.',
        en: 'Overseas Vietnamese experts share how they run Kubernetes in Europe. In Đà Nẵng and online.',
      },
      startsAt: seminarStart.toISOString(),
      endsAt: new Date(seminarStart.getTime() + 3 * 3_600_000).toISOString(),
      timezone: 'Asia/Ho_Chi_Minh',
      place: { venue: 'Trung tâm Hành chính', address: '24 Trần Phú', city: 'Đà Nẵng' },
      onlineUrl: 'https://meet.example.vn/cloud-seminar',
      capacity: 120,
    },
    {
      kind: 'fair',
      title: { vi: `Hội chợ Công nghệ thông tin ${fairYear}`, en: `IT Fair ${fairYear}` },
      body: {
        vi: 'Doanh nghiệp phần mềm địa phương gặp gỡ đối tác và chuyên gia nước ngoài; đặt lịch gặp tại gian hàng.',
        en: 'Local software firms meet foreign partners and experts; book a meeting at their booths.',
      },
      startsAt: fairStart.toISOString(),
      endsAt: new Date(fairStart.getTime() + 2 * DAY - 14 * 3_600_000).toISOString(),
      timezone: 'Asia/Ho_Chi_Minh',
      place: { venue: 'Cung Hội nghị Quốc tế Ariyana', city: 'Đà Nẵng' },
      capacity: null,
    },
  ];
  for (const draft of drafts) {
    const event = await services.events.create(organiser, createEventInput.parse(draft));
    await services.events.publish(organiser, event._id);
  }
  return drafts.length;
}

/** The forum's categories and a few conversations, so the forum is not empty on day one. */
async function seedForum(services: DomainServices, admin: Actor, people: Map<string, Actor>): Promise<number> {
  const categories = new Map<string, Types.ObjectId>();
  for (const c of DEMO_CATEGORIES) {
    categories.set(c.slug, (await services.forum.categories.create(admin, createCategoryInput.parse(c)))._id);
  }
  const by = (name: string) => people.get(name) ?? admin;
  for (const t of DEMO_THREADS) {
    const { category, author, replies, ...fields } = t;
    const input = createThreadInput.parse({ ...fields, tags: [...fields.tags], categoryId: String(categories.get(category)) });
    const thread = await services.forum.threads.create(by(author), input);
    for (const r of replies) await services.forum.posts.reply(by(r.author), thread._id, { body: r.body });
  }
  return DEMO_THREADS.length;
}

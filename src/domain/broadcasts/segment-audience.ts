import type { Connection, QueryFilter, Types } from 'mongoose';
import { expertModel } from '../experts/expert.model.js';
import { firmModel } from '../firms/firm.model.js';
import { userModel, type User } from '../users/user.model.js';
import type { BroadcastSegment } from './broadcast.model.js';
import { activeUsers } from '../users/ban-state.js';

/**
 * The people a segment names, active accounts only. Countries and skills describe expert
 * profiles, so giving any of them narrows every audience to experts who match.
 */
export async function segmentUserIds(connection: Connection, segment: BroadcastSegment, now = new Date()): Promise<Types.ObjectId[]> {
  const filter: QueryFilter<User> = activeUsers(now);
  const among: Types.ObjectId[][] = [];
  if (segment.audience === 'experts' || segment.countries.length > 0 || segment.skills.length > 0) {
    const experts: Record<string, unknown> = {};
    if (segment.countries.length > 0) experts.country = { $in: segment.countries };
    if (segment.skills.length > 0) experts.skills = { $in: segment.skills };
    among.push((await expertModel(connection).find(experts, { userId: 1 }).lean()).map((e) => e.userId));
  }
  if (segment.audience === 'firm_members') {
    const firms = await firmModel(connection).find({}, { members: 1 }).lean();
    among.push(firms.flatMap((f) => f.members.map((m) => m.userId)));
  }
  if (segment.audience === 'organisers') filter.roles = { $in: ['organiser', 'admin'] };
  if (segment.locales.length > 0) filter.locale = { $in: segment.locales };
  if (among.length > 0) filter._id = { $in: intersect(among) };
  return (await userModel(connection).find(filter, { _id: 1 }).lean()).map((u) => u._id);
}

function intersect(lists: Types.ObjectId[][]): Types.ObjectId[] {
  const [first = [], ...rest] = lists;
  const keep = rest.map((list) => new Set(list.map(String)));
  const unique = new Map(first.map((id) => [String(id), id]));
  return [...unique.values()].filter((id) => keep.every((set) => set.has(String(id))));
}

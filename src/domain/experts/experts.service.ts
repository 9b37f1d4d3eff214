import type { Connection, QueryFilter, Types } from 'mongoose';
import { NotFoundError } from '../app-error.js';
import { paginate, type Page } from '../shared/pagination.js';
import { searchPage, searchTextOf } from '../shared/text-search.js';
import { introductionModel } from '../introductions/introduction.model.js';
import { userModel } from '../users/user.model.js';
import { localActorChanges, type ActorChanges } from '../auth/actor-changes.js';
import { expertModel, type ExpertProfile } from './expert.model.js';
import type { ExpertListQuery, ExpertProfileInput, ExpertProfilePatch } from './expert.schemas.js';
import { suggestSkills } from './skill-tags.js';

/** An expert profile with the person's display name, as the directory shows it. */
export type ExpertListing = ExpertProfile & { displayName: string };

function searchableParts(profile: Pick<ExpertProfileInput, 'headline' | 'skills' | 'city' | 'country'> & { bio: { vi?: string; en?: string } }) {
  return [profile.headline, profile.bio.vi, profile.bio.en, profile.skills, profile.city, profile.country];
}

/** Expert profiles: each user writes their own; anyone can browse them without contacts. */
export class ExpertsService {
  constructor(
    private readonly connection: Connection,
    private readonly actorChanges: ActorChanges = localActorChanges(),
  ) {}

  private get experts() {
    return expertModel(this.connection);
  }

  /** Creates or replaces the user's own profile and gives them the expert role. */
  async putOwn(userId: Types.ObjectId, input: ExpertProfileInput): Promise<{ profile: ExpertProfile; created: boolean }> {
    const existing = await this.experts.findOne({ userId }, { _id: 1 }).lean();
    const profile = await this.experts
      .findOneAndReplace(
        { userId },
        { ...input, userId, searchText: searchTextOf(searchableParts(input)) },
        { upsert: true, returnDocument: 'after', runValidators: true },
      )
      .lean();
    const gained = await userModel(this.connection).updateOne({ _id: userId }, { $addToSet: { roles: 'expert' } });
    if (gained.modifiedCount > 0) await this.actorChanges.userChanged(userId);
    await this.adoptProfileZone(userId, input.timezone);
    return { profile: profile as ExpertProfile, created: !existing };
  }

  /** Changes some fields of the user's own profile. */
  async patchOwn(userId: Types.ObjectId, patch: ExpertProfilePatch): Promise<ExpertProfile> {
    const current = await this.getOwn(userId);
    const merged = { ...current, ...patch, bio: { ...current.bio, ...patch.bio } };
    const profile = await this.experts
      .findOneAndUpdate(
        { userId },
        { $set: { ...patch, bio: merged.bio, searchText: searchTextOf(searchableParts(merged)) } },
        { returnDocument: 'after', runValidators: true },
      )
      .lean();
    if (!profile) throw new NotFoundError('expert.not_found', 'No expert profile yet.');
    if (patch.timezone) await this.adoptProfileZone(userId, patch.timezone);
    return profile;
  }

  /**
   * The profile's zone (where the expert lives) becomes the person's own time zone, for
   * reminders and quiet hours, unless they chose a zone themselves.
   */
  private async adoptProfileZone(userId: Types.ObjectId, timezone: string): Promise<void> {
    await userModel(this.connection).updateOne({ _id: userId, timezoneChosen: { $ne: true } }, { $set: { timezone } });
  }

  /** The user's own profile, or NotFoundError when they have none yet. */
  async getOwn(userId: Types.ObjectId): Promise<ExpertProfile> {
    const profile = await this.experts.findOne({ userId }).lean();
    if (!profile) throw new NotFoundError('expert.not_found', 'No expert profile yet.');
    return profile;
  }

  /** One profile for the directory. */
  async get(id: Types.ObjectId): Promise<ExpertListing> {
    const profile = await this.experts.findById(id).lean();
    if (!profile) throw new NotFoundError('expert.not_found', 'No such expert.', { id: String(id) });
    const [listing] = await this.withDisplayNames([profile]);
    return listing as ExpertListing;
  }

  /** The directory: filters combine with AND; free text ranks by relevance, otherwise newest first. */
  async list(query: ExpertListQuery): Promise<Page<ExpertListing>> {
    const filter: QueryFilter<ExpertProfile> = {};
    if (query.skills?.length) filter.skills = { $all: query.skills };
    if (query.country) filter.country = query.country;
    if (query.language) filter.languages = query.language;
    if (query.engagementType) filter.engagementTypes = query.engagementType;
    if (!query.q) {
      const page = await paginate(this.experts, filter, {
        sortField: 'updatedAt',
        direction: -1,
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: await this.withDisplayNames(page.items), nextCursor: page.nextCursor };
    }
    const page = await searchPage(this.experts, filter, query.q, query);
    return { items: await this.withDisplayNames(page.items), nextCursor: page.nextCursor };
  }

  /** Skill tags for autocomplete: aliases and tags experts already use. */
  async suggestSkills(prefix: string): Promise<string[]> {
    const known = (await this.experts.distinct('skills')) as string[];
    return suggestSkills(prefix, known.sort());
  }

  /**
   * /link merge step: the survivor keeps its profile and gains the other's skills,
   * languages and engagement types; with no profile of its own it takes the other's.
   * Introductions follow the profile that survives.
   */
  async mergeUsers(from: Types.ObjectId, into: Types.ObjectId): Promise<void> {
    const [source, target] = await Promise.all([
      this.experts.findOne({ userId: from }).lean(),
      this.experts.findOne({ userId: into }).lean(),
    ]);
    if (!source) return;
    if (!target) {
      await this.experts.updateOne({ _id: source._id }, { $set: { userId: into } });
      return;
    }
    const union = <T>(a: T[], b: T[]) => [...new Set([...a, ...b])];
    const merged = {
      skills: union(target.skills, source.skills),
      languages: union(target.languages, source.languages),
      engagementTypes: union(target.engagementTypes, source.engagementTypes),
    };
    await this.experts.updateOne(
      { _id: target._id },
      { $set: { ...merged, searchText: searchTextOf(searchableParts({ ...target, ...merged })) } },
    );
    await this.moveIntroductions(source._id, target._id);
    await this.experts.deleteOne({ _id: source._id });
  }

  /**
   * Introductions follow the surviving profile, their live key (request:expert) too. Where
   * both profiles had a live introduction for one request, the survivor's stays and the
   * other is withdrawn, so the "one live introduction per expert and request" rule holds.
   */
  private async moveIntroductions(from: Types.ObjectId, into: Types.ObjectId): Promise<void> {
    const intros = introductionModel(this.connection);
    for (const intro of await intros.find({ expertId: from }, { requestId: 1, activeKey: 1 }).lean()) {
      if (!intro.activeKey) {
        await intros.updateOne({ _id: intro._id }, { $set: { expertId: into } });
        continue;
      }
      try {
        await intros.updateOne({ _id: intro._id }, { $set: { expertId: into, activeKey: `${String(intro.requestId)}:${String(into)}` } });
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        await intros.updateOne({ _id: intro._id }, { $set: { expertId: into, status: 'withdrawn' }, $unset: { activeKey: 1 } });
      }
    }
  }

  /** Profiles with their owners' display names, in the same order. */
  async withDisplayNames(profiles: ExpertProfile[]): Promise<ExpertListing[]> {
    const users = await userModel(this.connection)
      .find({ _id: { $in: profiles.map((p) => p.userId) } }, { displayName: 1 })
      .lean();
    const names = new Map(users.map((u) => [String(u._id), u.displayName]));
    return profiles.map((p) => ({ ...p, displayName: names.get(String(p.userId)) ?? '' }));
  }
}

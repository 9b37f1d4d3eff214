import type { Connection } from 'mongoose';
import { ForbiddenError } from '../app-error.js';
import type { Actor } from '../auth/api-token.service.js';
import type { User } from '../users/user.model.js';
import { announcementSpaceModel, type AnnouncementSpace } from './announcement-space.model.js';

/** Where a group or server is, and whether the person acting may manage it (the platform says). */
export interface SpacePlace {
  platform: 'telegram' | 'discord';
  spaceId: string;
  channelId: string;
  canManage: boolean;
}

/** Group and server channels that receive the programme's public announcements. */
export class AnnouncementSpaces {
  constructor(private readonly connection: Connection) {}

  /** Makes `place.channelId` the announcement channel of its group or server; its admins only. */
  async set(actor: Actor, user: Pick<User, 'locale' | 'timezone'>, place: SpacePlace): Promise<AnnouncementSpace> {
    if (!place.canManage) throw new ForbiddenError('space.not_admin', 'Only the group’s or server’s admins may choose this.');
    const space = await announcementSpaceModel(this.connection)
      .findOneAndUpdate(
        { platform: place.platform, spaceId: place.spaceId },
        { $set: { channelId: place.channelId, locale: user.locale, timezone: user.timezone, setBy: actor.userId } },
        { upsert: true, returnDocument: 'after' },
      )
      .lean();
    return space as AnnouncementSpace;
  }

  /** Stops announcements in the group or server; true when there were any. */
  async remove(place: SpacePlace): Promise<boolean> {
    if (!place.canManage) throw new ForbiddenError('space.not_admin', 'Only the group’s or server’s admins may choose this.');
    return (await announcementSpaceModel(this.connection).deleteOne({ platform: place.platform, spaceId: place.spaceId })).deletedCount > 0;
  }

  async list(): Promise<AnnouncementSpace[]> {
    return announcementSpaceModel(this.connection).find().limit(10_000).lean();
  }
}

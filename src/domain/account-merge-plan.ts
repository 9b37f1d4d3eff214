/**
 * What happens to every reference to a user when two accounts are merged (/link). Each
 * ObjectId field of every model is listed here, so that a unit test can fail when a new
 * field appears that nobody decided about (tests/unit/account-merge-plan.test.ts).
 */

/** The merge's steps, in the order they run; each one is idempotent, so a resumed merge repeats none of its effects. */
export const MERGE_STEPS = [
  'references',
  'experts',
  'firms',
  'introductions',
  'subscriptions',
  'project_interests',
  'rsvps',
  'contest_entries',
  'calendar_feeds',
  'forum_records',
  'flags',
  'deliveries',
  'digests',
  'profile',
] as const;
export type MergeStepName = (typeof MERGE_STEPS)[number];

/**
 * The fate of one ObjectId field: moved to the survivor by a step, kept on the old account
 * on purpose (history), or not a user at all.
 */
export type FieldFate = { move: MergeStepName } | { keep: string } | 'not_a_user';

const NOT_A_USER = 'not_a_user' as const;

/** Model name → field path → fate. `references` moves plain fields (see plainReferences). */
export const ACCOUNT_MERGE_PLAN: Record<string, Record<string, FieldFate>> = {
  User: { 'ban.by': { move: 'references' }, mergedInto: { move: 'references' } },
  Identity: { userId: { move: 'references' } },
  ApiToken: { userId: { move: 'references' } },
  LinkCode: { userId: { move: 'references' } },
  Expert: { userId: { move: 'experts' } },
  Firm: {
    verifiedBy: { move: 'references' },
    'members.userId': { move: 'firms' },
    'invitations.userId': { move: 'firms' },
    'invitations.invitedBy': { move: 'firms' },
  },
  Introduction: {
    requestId: NOT_A_USER,
    firmId: NOT_A_USER,
    expertId: NOT_A_USER,
    expertUserId: { move: 'introductions' },
    initiatedBy: { move: 'introductions' },
    respondedBy: { move: 'introductions' },
  },
  Subscription: { userId: { move: 'subscriptions' } },
  ProjectInterest: {
    projectId: NOT_A_USER,
    'owner.firmId': NOT_A_USER,
    requesterUserId: { move: 'project_interests' },
    respondedBy: { move: 'project_interests' },
  },
  SoftwareProduct: { vendorFirmId: NOT_A_USER, createdBy: { move: 'references' } },
  InvestmentProject: { 'owner.firmId': NOT_A_USER, createdBy: { move: 'references' } },
  CollaborationRequest: { firmId: NOT_A_USER, createdBy: { move: 'references' } },
  ProgrammeEvent: {
    organisers: { move: 'references' },
    createdBy: { move: 'references' },
    seriesId: NOT_A_USER,
    'results.ranking.submissionId': NOT_A_USER,
  },
  Rsvp: { eventId: NOT_A_USER, userId: { move: 'rsvps' } },
  Submission: { eventId: NOT_A_USER, userId: { move: 'contest_entries' } },
  Exhibitor: { eventId: NOT_A_USER, firmId: NOT_A_USER, appliedBy: { move: 'references' }, decidedBy: { move: 'references' } },
  MeetingSlot: { eventId: NOT_A_USER, exhibitorId: NOT_A_USER, firmId: NOT_A_USER, bookedBy: { move: 'references' } },
  CalendarFeed: { userId: { move: 'calendar_feeds' } },
  ForumThread: { categoryId: NOT_A_USER, authorId: { move: 'references' } },
  ForumPost: { threadId: NOT_A_USER, authorId: { move: 'references' } },
  ForumRevision: { targetId: NOT_A_USER, replacedBy: { move: 'references' } },
  ForumReaction: { targetId: NOT_A_USER, userId: { move: 'forum_records' } },
  ForumReadMarker: { threadId: NOT_A_USER, userId: { move: 'forum_records' } },
  Flag: { targetId: NOT_A_USER, reporterId: { move: 'flags' } },
  ModerationCase: { threadId: NOT_A_USER, decidedBy: { move: 'references' } },
  AuditEntry: { actorId: { keep: 'the log is append-only: it says who acted then; the merge has its own entry naming both accounts' } },
  Notice: { 'subject.id': NOT_A_USER },
  Delivery: { userId: { move: 'deliveries' } },
  Digest: { userId: { move: 'digests' }, requestIds: NOT_A_USER, eventIds: NOT_A_USER, threadIds: NOT_A_USER },
  AnnouncementSpace: { setBy: { move: 'references' } },
  UserMerge: { into: { keep: 'the record of a finished merge names the survivor it made' } },
  Broadcast: { createdBy: { move: 'references' }, 'link.id': NOT_A_USER },
  WebhookEndpoint: { firmId: NOT_A_USER, createdBy: { move: 'references' } },
};

/** The fields the generic `references` step rewrites from the old account to the survivor, by model. */
export function plainReferences(): { model: string; path: string }[] {
  return Object.entries(ACCOUNT_MERGE_PLAN).flatMap(([model, fields]) =>
    Object.entries(fields)
      .filter(([, fate]) => typeof fate === 'object' && 'move' in fate && fate.move === 'references')
      .map(([path]) => ({ model, path })),
  );
}

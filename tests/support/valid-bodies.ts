import { requestInput } from './fixtures.js';

const future = new Date(Date.now() + 30 * 86_400_000).toISOString();

/** Bodies each route accepts, to be mutated into almost-valid ones. */
export const VALID_BODIES: Record<string, Record<string, unknown>> = {
  updateMe: {
    displayName: 'Chị Lan',
    timezone: 'Asia/Ho_Chi_Minh',
    contact: { email: 'lan@songhan.vn', phone: '+84 905 000 111' },
    notifications: { channels: ['telegram'], quietHours: { start: '22:00', end: '07:00' }, digestDay: 'mon' },
  },
  createMyToken: { name: 'fuzz', scope: ['member'] },
  redeemLinkCode: { code: 'ABCD2345' },
  setUserRoles: { roles: ['member', 'organiser'] },
  putMyExpertProfile: {
    headline: 'Kubernetes engineer', bio: { vi: 'Mười năm', en: 'Ten years' }, skills: ['k8s', 'Go'], languages: ['vi', 'en'],
    country: 'DE', city: 'Berlin', timezone: 'Europe/Berlin', engagementTypes: ['remote_consulting'], availability: 'available', hoursPerWeek: 10,
  },
  patchMyExpertProfile: { headline: 'Go engineer', skills: ['go'], hoursPerWeek: 12 },
  createFirm: { name: 'Huế Data', sector: 'data', size: '1-10', city: 'Huế', website: 'https://hue.vn', description: { vi: 'Dữ liệu' } },
  updateFirm: { city: 'Đà Nẵng', website: 'https://songhan.vn', description: { en: 'Software' } },
  setFirmVerification: { verified: true },
  changeFirmMemberRole: { role: 'staff' },
  createRequest: { ...requestInput, city: 'Huế', deadline: future, languages: ['vi'] },
  updateRequest: { city: 'Hải Phòng', timezoneWindow: { timezone: 'Asia/Ho_Chi_Minh', startHour: 9, endHour: 18 } },
  expressInterest: { message: 'Tôi quan tâm.' },
  createEvent: {
    kind: 'seminar', title: { vi: 'Hội thảo', en: 'Seminar' }, body: { en: 'Talks' }, startsAt: future, endsAt: new Date(Date.parse(future) + 7_200_000).toISOString(),
    timezone: 'Europe/Berlin', place: { venue: 'Messe', city: 'Berlin' }, onlineUrl: 'https://meet.example.vn', capacity: 10,
  },
  updateEvent: { capacity: 20, place: null, onlineUrl: 'https://meet.example.vn', title: { vi: 'Hội thảo' } },
  createMeetingSlot: { startsAt: future, endsAt: new Date(Date.parse(future) + 1_800_000).toISOString() },
  putMySubmission: { title: 'Bộ gõ', link: 'https://github.com/example/bogo', description: 'Gõ tiếng Việt' },
  publishContestResults: { ranking: [{ submissionId: '665f1c2e8b3e4a0012345678', prize: 'Giải nhất' }] },
  createForumCategory: { slug: 'cloud-devops', name: { vi: 'Điện toán đám mây', en: 'Cloud' }, description: { en: 'Ops talk' }, position: 1 },
  updateForumCategory: { name: { en: 'Cloud & DevOps' }, position: 2 },
  createForumThread: { categoryId: '665f1c2e8b3e4a0012345678', title: 'Kubernetes ở Đà Nẵng', body: 'Ai đang dùng **k8s**?', tags: ['k8s'], locale: 'vi' },
  editForumThread: { title: 'Kubernetes ở Hải Phòng', body: 'Đã sửa', tags: ['go'] },
  moderateForumThread: { pinned: true, locked: false, hidden: false },
  replyToForumThread: { body: 'Chúng tôi dùng EKS.' },
  editForumPost: { body: 'Chúng tôi dùng GKE.' },
  moderateForumPost: { hidden: true },
  subscribe: { kind: 'tag', value: 'React.js' },
  flagForumThread: { reason: 'other', note: 'Quảng cáo trá hình' },
  flagForumPost: { reason: 'spam' },
  resolveFlags: { decision: 'hide', note: 'Spam' },
  banUser: { reason: 'Gửi liên kết rác', until: future },
  createCatalogProject: {
    title: { vi: 'Nền tảng thanh toán', en: 'Payments platform' }, summary: { vi: 'Thanh toán không tiền mặt' }, sector: 'Tài chính',
    amountUsd: { min: 200_000, max: 500_000 }, stage: 'prototype', city: 'Đà Nẵng',
  },
  updateCatalogProject: { amountUsd: { min: 100_000, max: 300_000 }, stage: 'growth', summary: { en: 'Payments' } },
  expressProjectInterest: { message: 'Quỹ của chúng tôi quan tâm.' },
  createCatalogProduct: {
    vendorFirmId: '665f1c2e8b3e4a0012345678', name: 'Sổ Cái Mở', kind: 'open_source', licence: 'MIT', repositoryUrl: 'https://github.com/example/so-cai',
    websiteUrl: 'https://socai.vn', categories: ['Kế toán'], description: { vi: 'Kế toán' },
  },
  updateCatalogProduct: { kind: 'domestic', licence: 'Thuê bao năm', websiteUrl: null, categories: ['erp'] },
  previewBroadcast: { segment: { audience: 'experts', countries: ['DE'], skills: ['k8s'], locales: ['vi'] } },
  createBroadcast: {
    segment: { audience: 'everyone', locales: ['vi', 'en'] },
    text: { vi: 'Hội chợ CNTT mở cửa tuần sau.', en: 'The IT fair opens next week.' },
    sendAt: future,
  },
  markEventAttendance: { userIds: ['665f1c2e8b3e4a0012345678'], attended: true },
};

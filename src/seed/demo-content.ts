/** Realistic bilingual demo content: what a new installation shows before real people arrive. */

export const DEMO_EXPERTS = [
  {
    name: 'TS. Trần Minh Quân',
    headline: 'Kỹ sư nền tảng đám mây · Cloud platform engineer, Berlin',
    bio: {
      vi: 'Mười năm vận hành Kubernetes cho các ngân hàng ở Đức. Quê Đà Nẵng, muốn giúp doanh nghiệp quê nhà chuyển lên cloud.',
      en: 'Ten years running Kubernetes for German banks. From Đà Nẵng, keen to help firms at home move to the cloud.',
    },
    skills: ['kubernetes', 'go', 'aws', 'devops'],
    languages: ['vi', 'en', 'de'],
    country: 'DE',
    city: 'Berlin',
    timezone: 'Europe/Berlin',
    engagementTypes: ['remote_consulting', 'mentoring', 'short_visit'],
  },
  {
    name: 'Nguyễn Thu Hà',
    headline: 'Machine learning lead, San Francisco',
    bio: {
      vi: 'Dẫn dắt nhóm học máy cho sản phẩm thương mại điện tử. Cố vấn cho các nhóm khởi nghiệp AI.',
      en: 'Leads a machine-learning team for an e-commerce product. Mentors AI start-up teams.',
    },
    skills: ['machine-learning', 'python', 'large-language-models'],
    languages: ['vi', 'en'],
    country: 'US',
    city: 'San Francisco',
    timezone: 'America/Los_Angeles',
    engagementTypes: ['mentoring', 'investment'],
  },
  {
    name: 'Lê Hoàng Nam',
    headline: 'Embedded & IoT engineer, Tokyo',
    bio: {
      vi: 'Thiết kế phần mềm nhúng cho thiết bị công nghiệp. Sẵn sàng về nước làm việc dài hạn.',
      en: 'Designs embedded software for industrial devices. Open to a long-term placement back home.',
    },
    skills: ['embedded-systems', 'cpp', 'internet-of-things'],
    languages: ['vi', 'ja', 'en'],
    country: 'JP',
    city: 'Tokyo',
    timezone: 'Asia/Tokyo',
    engagementTypes: ['long_term_placement', 'remote_consulting'],
  },
  {
    name: 'Phạm Ngọc Anh',
    headline: 'Data engineer, Melbourne',
    bio: { vi: 'Xây dựng kho dữ liệu cho ngành y tế.', en: 'Builds data platforms for healthcare.' },
    skills: ['python', 'spark', 'postgresql'],
    languages: ['vi', 'en'],
    country: 'AU',
    city: 'Melbourne',
    timezone: 'Australia/Melbourne',
    engagementTypes: ['remote_consulting'],
  },
  {
    name: 'Đỗ Thanh Tùng',
    headline: 'Chuyên gia an ninh mạng · Security consultant, Paris',
    bio: { vi: 'Kiểm thử xâm nhập và đào tạo an ninh.', en: 'Penetration testing and security training.' },
    skills: ['cybersecurity', 'go'],
    languages: ['vi', 'fr', 'en'],
    country: 'FR',
    city: 'Paris',
    timezone: 'Europe/Paris',
    engagementTypes: ['short_visit', 'mentoring'],
  },
] as const;

export const DEMO_FIRMS = [
  {
    owner: 'Chị Lê Thị Lan',
    name: 'Sông Hàn Tech',
    sector: 'software',
    size: '51-200',
    city: 'Đà Nẵng',
    website: 'https://songhan.example.vn',
    description: { vi: 'Gia công phần mềm cho thị trường Nhật và châu Âu.', en: 'Software outsourcing for Japan and Europe.' },
  },
  {
    owner: 'Anh Võ Đức Huy',
    name: 'Hải Phòng Smart Factory',
    sector: 'manufacturing-software',
    size: '11-50',
    city: 'Hải Phòng',
    website: 'https://hpsmart.example.vn',
    description: { vi: 'Giải pháp IoT cho nhà máy.', en: 'IoT solutions for factories.' },
  },
] as const;

export const DEMO_REQUESTS = [
  {
    firm: 'Sông Hàn Tech',
    title: { vi: 'Tư vấn chuyển đổi lên Kubernetes', en: 'Kubernetes migration consulting' },
    body: {
      vi: 'Chúng tôi cần chuyên gia giúp chuyển 30 dịch vụ lên Kubernetes trong 3 tháng, làm việc từ xa.',
      en: 'We need an expert to help move 30 services to Kubernetes within 3 months, remotely.',
    },
    skillsMust: ['kubernetes', 'go'],
    skillsNice: ['aws'],
    engagementType: 'remote_consulting',
    workMode: 'remote',
  },
  {
    firm: 'Hải Phòng Smart Factory',
    title: { vi: 'Kỹ sư phần mềm nhúng làm việc dài hạn tại Hải Phòng', en: 'Long-term embedded engineer in Hải Phòng' },
    body: {
      vi: 'Dẫn dắt đội phần mềm nhúng 8 người, tối thiểu 12 tháng tại nhà máy.',
      en: 'Lead an 8-person embedded team, at least 12 months on site.',
    },
    skillsMust: ['embedded-systems', 'cpp'],
    skillsNice: ['internet-of-things'],
    engagementType: 'long_term_placement',
    workMode: 'onsite',
  },
  {
    firm: 'Sông Hàn Tech',
    title: { vi: 'Cố vấn sản phẩm AI', en: 'AI product mentor' },
    body: { vi: 'Cố vấn hằng tháng cho nhóm sản phẩm AI.', en: 'Monthly mentoring for our AI product team.' },
    skillsMust: ['machine-learning'],
    skillsNice: ['python'],
    engagementType: 'mentoring',
    workMode: 'remote',
  },
] as const;

/** Forum categories a new community starts with. */
export const DEMO_CATEGORIES = [
  {
    slug: 'gioi-thieu',
    name: { vi: 'Làm quen', en: 'Introductions' },
    description: { vi: 'Chào cộng đồng: bạn là ai, làm gì, ở đâu.', en: 'Say hello: who you are, what you do, where you live.' },
    position: 0,
  },
  {
    slug: 'hop-tac',
    name: { vi: 'Hợp tác với doanh nghiệp', en: 'Working with local firms' },
    description: { vi: 'Kinh nghiệm tư vấn, cố vấn, làm việc từ xa với doanh nghiệp trong nước.', en: 'Consulting, mentoring and remote work with firms at home.' },
    position: 1,
  },
  {
    slug: 'su-kien',
    name: { vi: 'Sự kiện và hội chợ', en: 'Events and fairs' },
    description: { vi: 'Hội thảo, hội chợ CNTT, gặp mặt.', en: 'Seminars, the IT fair, meetups.' },
    position: 2,
  },
] as const;

/** A few threads with replies; authors are demo experts and firm owners by name. */
export const DEMO_THREADS = [
  {
    category: 'gioi-thieu',
    author: 'TS. Trần Minh Quân',
    locale: 'vi',
    title: 'Xin chào từ Berlin: Kubernetes và ngân hàng',
    body: 'Mình là Quân, quê Đà Nẵng, làm nền tảng đám mây ở Berlin mười năm. Rất vui được kết nối với các doanh nghiệp ở Đà Nẵng và Hải Phòng.',
    tags: ['kubernetes', 'devops'],
    replies: [{ author: 'Chị Lê Thị Lan', body: 'Chào anh Quân! Sông Hàn Tech đang chuyển hệ thống lên cloud, mong được anh tư vấn.' }],
  },
  {
    category: 'hop-tac',
    author: 'Nguyễn Thu Hà',
    locale: 'en',
    title: 'Mentoring a local AI team remotely: what worked for us',
    body: 'Two hours a week, a shared backlog and one visit a year. Happy to share templates with any firm starting out with large language models.',
    tags: ['machine-learning', 'large-language-models'],
    replies: [
      { author: 'Anh Võ Đức Huy', body: 'Thank you! Our factory team would love the templates — time zones are our biggest problem.' },
      { author: 'Lê Hoàng Nam', body: 'Same experience here: a fixed weekly slot beats ad-hoc calls.' },
    ],
  },
  {
    category: 'su-kien',
    author: 'Chị Lê Thị Lan',
    locale: 'vi',
    title: 'Ai sẽ đến Hội chợ CNTT năm nay ở Đà Nẵng?',
    body: 'Sông Hàn Tech có gian hàng và nhận lịch hẹn với chuyên gia. Các anh chị về nước dịp đó thì ghé nhé!',
    tags: ['hoi-cho'],
    replies: [],
  },
] as const;

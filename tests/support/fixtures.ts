/** Realistic inputs shared by API tests. */

/** A remote Kubernetes consulting request from a Hải Phòng firm. */
export const requestInput = {
  title: { vi: 'Tư vấn chuyển đổi lên Kubernetes', en: 'Kubernetes migration consulting' },
  body: { vi: 'Chúng tôi cần chuyên gia giúp chuyển hệ thống ở Hải Phòng lên k8s.', en: 'Help us move to k8s.' },
  skillsMust: ['k8s', 'Go'],
  skillsNice: ['AWS'],
  engagementType: 'remote_consulting',
  workMode: 'remote',
};

/**
 * Skills are stored as tags ("kubernetes", "ngan-hang-so") so that matching ignores spelling;
 * people read them by their usual names ("Kubernetes", "Ngân hàng số").
 */
const DISPLAY_NAMES: Record<string, string> = {
  kubernetes: 'Kubernetes', go: 'Go', react: 'React', 'react-native': 'React Native', vue: 'Vue.js', angularjs: 'AngularJS', angular: 'Angular',
  nodejs: 'Node.js', nextjs: 'Next.js', javascript: 'JavaScript', typescript: 'TypeScript', python: 'Python', java: 'Java', kotlin: 'Kotlin',
  swift: 'Swift', rust: 'Rust', csharp: 'C#', cpp: 'C++', dotnet: '.NET', php: 'PHP', ruby: 'Ruby', scala: 'Scala', spark: 'Spark',
  postgresql: 'PostgreSQL', mongodb: 'MongoDB', mysql: 'MySQL', redis: 'Redis', kafka: 'Kafka', docker: 'Docker', terraform: 'Terraform',
  devops: 'DevOps', 'ci-cd': 'CI/CD', 'site-reliability-engineering': 'SRE', 'machine-learning': 'Machine learning', 'deep-learning': 'Deep learning',
  'artificial-intelligence': 'AI', 'large-language-models': 'LLM', 'natural-language-processing': 'NLP', 'computer-vision': 'Computer vision',
  'amazon-web-services': 'AWS', 'google-cloud': 'Google Cloud', 'microsoft-azure': 'Microsoft Azure', 'ux-design': 'UX design', 'ui-design': 'UI design',
  blockchain: 'Blockchain', 'internet-of-things': 'IoT', 'embedded-systems': 'Embedded systems', cybersecurity: 'Cybersecurity', sql: 'SQL',
  graphql: 'GraphQL', linux: 'Linux', flutter: 'Flutter', android: 'Android', ios: 'iOS', 'data-engineering': 'Data engineering',
  'ngan-hang-so': 'Ngân hàng số', 'chinh-phu-so': 'Chính phủ số', 'chuyen-doi-so': 'Chuyển đổi số', 'thuong-mai-dien-tu': 'Thương mại điện tử',
  'thanh-toan-dien-tu': 'Thanh toán điện tử', 'do-thi-thong-minh': 'Đô thị thông minh', 'y-te-so': 'Y tế số', 'giao-duc-so': 'Giáo dục số',
  'ke-toan': 'Kế toán', fintech: 'Fintech', erp: 'ERP',
};

/** The name people know a skill tag by; an unknown tag reads as words ("data-mesh" → "Data mesh"). */
export function skillDisplayName(tag: string): string {
  const known = DISPLAY_NAMES[tag];
  if (known) return known;
  const words = tag.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A list of skill tags as one line of names. */
export function skillNames(tags: readonly string[]): string {
  return tags.map(skillDisplayName).join(', ');
}

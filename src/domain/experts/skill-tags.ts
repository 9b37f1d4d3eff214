import { foldForSearch } from '../shared/fold-text.js';

/**
 * Other names people type for the same skill. Keys and values are already in tag form
 * (lower case, dashes), so "React.js", "reactjs" and "React JS" all become "react".
 */
const ALIASES: Record<string, string> = {
  k8s: 'kubernetes',
  kube: 'kubernetes',
  reactjs: 'react',
  'react.js': 'react',
  'react-js': 'react',
  'vue.js': 'vue',
  vuejs: 'vue',
  'angular.js': 'angularjs',
  'node.js': 'nodejs',
  node: 'nodejs',
  'next.js': 'nextjs',
  golang: 'go',
  js: 'javascript',
  ecmascript: 'javascript',
  ts: 'typescript',
  py: 'python',
  python3: 'python',
  postgres: 'postgresql',
  psql: 'postgresql',
  mongo: 'mongodb',
  ml: 'machine-learning',
  dl: 'deep-learning',
  ai: 'artificial-intelligence',
  llm: 'large-language-models',
  llms: 'large-language-models',
  nlp: 'natural-language-processing',
  cv: 'computer-vision',
  aws: 'amazon-web-services',
  gcp: 'google-cloud',
  'google-cloud-platform': 'google-cloud',
  azure: 'microsoft-azure',
  'c-sharp': 'csharp',
  'c#': 'csharp',
  'c++': 'cpp',
  cplusplus: 'cpp',
  '.net': 'dotnet',
  'dot-net': 'dotnet',
  cicd: 'ci-cd',
  'dev-ops': 'devops',
  sre: 'site-reliability-engineering',
  ux: 'ux-design',
  ui: 'ui-design',
  'ui-ux': 'ux-design',
  web3: 'blockchain',
  iot: 'internet-of-things',
  embedded: 'embedded-systems',
  'embedded-c': 'embedded-systems',
  rn: 'react-native',
  'react-native-js': 'react-native',
  sec: 'cybersecurity',
  security: 'cybersecurity',
  'cyber-security': 'cybersecurity',
};

/** Turns what a person typed into the canonical tag: "React.js " → "react", "K8s" → "kubernetes". */
export function normaliseSkill(raw: string): string {
  const tag = foldForSearch(raw.trim())
    .replace(/[\s_/]+/g, '-')
    .replace(/[^a-z0-9+#.-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return ALIASES[tag] ?? tag;
}

/** Normalises a list of skills, dropping empties and repeats while keeping the first order. */
export function normaliseSkills(raw: readonly string[]): string[] {
  return [...new Set(raw.map(normaliseSkill).filter((tag) => tag.length > 0))];
}

/** Known tags that start with (or whose aliases start with) what was typed, for autocomplete. */
export function suggestSkills(prefix: string, known: readonly string[], limit = 10): string[] {
  const typed = normaliseSkill(prefix);
  if (!typed) return [];
  const fromAliases = Object.entries(ALIASES)
    .filter(([alias]) => alias.startsWith(typed))
    .map(([, tag]) => tag);
  const fromKnown = known.filter((tag) => tag.startsWith(typed));
  return [...new Set([...fromAliases, ...fromKnown])].slice(0, limit);
}

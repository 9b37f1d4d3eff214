import { describe, expect, it } from 'vitest';
import { skillDisplayName, skillNames } from '../../src/domain/experts/skill-names.js';
import { normaliseSkills } from '../../src/domain/experts/skill-tags.js';

describe('skill display names', () => {
  it('shows tags by the names people know, not as slugs', () => {
    expect(skillNames(normaliseSkills(['k8s', 'Ngân hàng số', 'React.js', 'node']))).toBe('Kubernetes, Ngân hàng số, React, Node.js');
  });

  it('reads an unknown tag as words', () => {
    expect(skillDisplayName('data-mesh')).toBe('Data mesh');
  });
});

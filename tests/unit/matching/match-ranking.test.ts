import { describe, expect, it } from 'vitest';
import type { ExpertProfile } from '../../../src/domain/experts/expert.model.js';
import { explainMatch } from '../../../src/domain/matching/explain-match.js';
import { scoreMatch, type MatchResult } from '../../../src/domain/matching/match-score.js';
import { rankMatches } from '../../../src/domain/matching/rank-matches.js';
import type { CollaborationRequest } from '../../../src/domain/requests/request.model.js';

type Expert = Pick<ExpertProfile, 'skills' | 'languages' | 'timezone' | 'engagementTypes' | 'availability'>;
type Request = Pick<CollaborationRequest, 'skillsMust' | 'skillsNice' | 'engagementType' | 'languages' | 'timezoneWindow' | 'workMode'>;

const january = new Date('2026-01-15T00:00:00Z');

// A Ho Chi Minh City firm (08:00-17:00, i.e. 01:00-10:00 UTC) wants remote help with its platform.
const request: Request = {
  skillsMust: ['Kubernetes', 'Go', 'PostgreSQL'],
  skillsNice: ['TypeScript', 'AWS'],
  engagementType: 'remote_consulting',
  languages: ['vi', 'en'],
  timezoneWindow: { timezone: 'Asia/Ho_Chi_Minh', startHour: 8, endHour: 17 },
  workMode: 'remote',
};

const experts: Record<string, Expert> = {
  // Aliases only (k8s, golang, postgres): they must still count as the real skills.
  tokyo: { skills: ['k8s', 'golang', 'postgres'], languages: ['ja', 'en'], timezone: 'Asia/Tokyo', engagementTypes: ['remote_consulting', 'mentoring'], availability: 'available' },
  sanFrancisco: { skills: ['kubernetes', 'go', 'postgresql', 'typescript', 'aws'], languages: ['en', 'vi'], timezone: 'America/Los_Angeles', engagementTypes: ['mentoring'], availability: 'available' },
  berlin: { skills: ['kubernetes', 'go', 'ts'], languages: ['vi', 'de', 'en'], timezone: 'Europe/Berlin', engagementTypes: ['remote_consulting'], availability: 'available' },
  sydney: { skills: ['kube', 'python'], languages: ['vi'], timezone: 'Australia/Sydney', engagementTypes: ['remote_consulting'], availability: 'limited' },
  busyHcmc: { skills: ['kubernetes', 'go', 'postgresql', 'typescript', 'aws'], languages: ['vi'], timezone: 'Asia/Ho_Chi_Minh', engagementTypes: ['remote_consulting'], availability: 'unavailable' },
  designer: { skills: ['figma', 'aws'], languages: ['vi', 'en'], timezone: 'Asia/Ho_Chi_Minh', engagementTypes: ['remote_consulting'], availability: 'available' },
};

function rank(req: Request, at: Date): { id: string; score: number; reasons: string }[] {
  const results = new Map(Object.entries(experts).map(([id, e]) => [id, scoreMatch(e, req, at)]));
  const result = (id: string) => results.get(id) as MatchResult;
  return rankMatches(Object.keys(experts), result, 10, (id) => id).map((id) => ({
    id,
    score: result(id).score,
    reasons: explainMatch(result(id), 'en', req.engagementType),
  }));
}

describe('ranking experts for one remote request', () => {
  it('orders five experts exactly, each with its reasons, and drops the one with no must-have skill', () => {
    expect(rank(request, january)).toEqual([
      // 50 + 0 nice + 15 + 12 (8 h) + 8 = 85
      { id: 'tokyo', score: 85, reasons: 'Has 3 of 3 must-have skills (kubernetes, go, postgresql) · offers remote consulting · speaks en · 8 h of shared working time' },
      // 50 + 15 + 0 (mentoring only) + 3 (1 h) + 8 = 76
      { id: 'sanFrancisco', score: 76, reasons: 'Has 3 of 3 must-have skills (kubernetes, go, postgresql) · also typescript, amazon-web-services · does not offer remote consulting · speaks vi, en · 1 h of shared working time' },
      // 33.3 + 7.5 + 15 + 6 (2 h, Berlin in winter) + 8 = 69.8
      { id: 'berlin', score: 70, reasons: 'Has 2 of 3 must-have skills (kubernetes, go; missing postgresql) · also typescript · offers remote consulting · speaks vi, en · 2 h of shared working time' },
      // (16.7 + 0 + 15 + 12 (6 h: Sydney 09-18 is 22-07 UTC) + 8) × 0.8 limited = 41.3
      { id: 'sydney', score: 41, reasons: 'Has 1 of 3 must-have skills (kubernetes; missing go, postgresql) · offers remote consulting · speaks vi · 6 h of shared working time · limited availability' },
      // A perfect fit (100) who is not taking work: × 0.3 puts them last.
      { id: 'busyHcmc', score: 30, reasons: 'Has 3 of 3 must-have skills (kubernetes, go, postgresql) · also typescript, amazon-web-services · offers remote consulting · speaks vi · 8 h of shared working time · currently unavailable' },
    ]);
  });

  it('moves Berlin up in summer, when daylight saving adds an hour of overlap', () => {
    const july = new Date('2026-07-15T00:00:00Z');
    expect(scoreMatch(experts.berlin as Expert, request, july).explanation.overlapHours).toBe(3);
    expect(scoreMatch(experts.berlin as Expert, request, july).score).toBe(73);
  });

  it('gives the same result for the same inputs and leaves the inputs untouched', () => {
    const before = JSON.stringify({ experts, request });
    expect(rank(request, january)).toEqual(rank(request, january));
    expect(JSON.stringify({ experts, request })).toBe(before);
  });

  it('returns nothing for a zero or negative limit', () => {
    const all = Object.keys(experts);
    const score = (id: string) => scoreMatch(experts[id] as Expert, request, january);
    expect(rankMatches(all, score, 0, (id) => id)).toEqual([]);
    expect(rankMatches(all, score, -1, (id) => id)).toEqual([]);
    expect(rankMatches(all, score, 2, (id) => id)).toEqual(['tokyo', 'sanFrancisco']);
  });
});

describe('onsite versus remote', () => {
  it('ignores time zones onsite, so San Francisco ties Tokyo and the caller’s key decides', () => {
    const onsite = rank({ ...request, workMode: 'onsite' }, january).map(({ id, score }) => ({ id, score }));
    expect(onsite).toEqual([
      { id: 'sanFrancisco', score: 85 }, // 76 + 9 more overlap marks
      { id: 'tokyo', score: 85 },
      { id: 'berlin', score: 76 },
      { id: 'sydney', score: 41 },
      { id: 'busyHcmc', score: 30 },
    ]);
  });

  it('counts overlap for hybrid work as for remote', () => {
    const hybrid = scoreMatch(experts.sanFrancisco as Expert, { ...request, workMode: 'hybrid' }, january);
    expect(hybrid.score).toBe(76);
  });
});

describe('requests that leave a part open', () => {
  it('gives full must-have marks when there are none, and keeps every candidate', () => {
    const open = { ...request, skillsMust: [] };
    expect(scoreMatch(experts.designer as Expert, open, january).score).toBe(93); // 50 + 7.5 (aws) + 15 + 12 + 8 = 92.5, rounded
    expect(rank(open, january).map((m) => m.id)).toContain('designer');
  });

  it('gives full nice-to-have marks when there are none, so a perfect fit scores 100', () => {
    const mustOnly = { ...request, skillsNice: [] };
    expect(scoreMatch({ ...(experts.busyHcmc as Expert), availability: 'available' }, mustOnly, january).score).toBe(100);
  });
});

describe('explanations', () => {
  it('reads as the brief’s Vietnamese example, with a decimal comma', () => {
    const kolkata: Expert = { skills: ['React', 'Node.js', 'TypeScript'], languages: ['en', 'vi'], timezone: 'Asia/Kolkata', engagementTypes: ['remote_consulting'], availability: 'available' };
    // Kolkata 09:00-18:00 is 03:30-12:30 UTC; the firm's 08:00-14:00 is 01:00-07:00 UTC: 3.5 h.
    const firm: Request = { ...request, skillsMust: ['react.js', 'node', 'k8s'], skillsNice: ['ts'], timezoneWindow: { timezone: 'Asia/Ho_Chi_Minh', startHour: 8, endHour: 14 } };
    const result = scoreMatch(kolkata, firm, january);
    expect(explainMatch(result, 'vi', 'remote_consulting')).toBe(
      'Có 2/3 kỹ năng bắt buộc (react, nodejs; thiếu kubernetes) · thêm typescript · nhận tư vấn từ xa · nói tiếng vi, en · trùng 3,5 giờ làm việc',
    );
    expect(explainMatch(result, 'en', 'remote_consulting')).toBe(
      'Has 2 of 3 must-have skills (react, nodejs; missing kubernetes) · also typescript · offers remote consulting · speaks vi, en · 3.5 h of shared working time',
    );
  });

  it('names limited availability and missing skills in Vietnamese', () => {
    const sydney = scoreMatch(experts.sydney as Expert, request, january);
    expect(explainMatch(sydney, 'vi', 'remote_consulting')).toBe(
      'Có 1/3 kỹ năng bắt buộc (kubernetes; thiếu go, postgresql) · nhận tư vấn từ xa · nói tiếng vi · trùng 6 giờ làm việc · thời gian có hạn',
    );
  });

  it('lists only what is missing when no must-have skill matches', () => {
    const designer = scoreMatch(experts.designer as Expert, request, january);
    expect(explainMatch(designer, 'en')).toBe(
      'Has 0 of 3 must-have skills (missing kubernetes, go, postgresql) · also amazon-web-services · speaks vi, en · 8 h of shared working time',
    );
    expect(explainMatch(designer, 'vi')).toMatch(/^Có 0\/3 kỹ năng bắt buộc \(thiếu kubernetes, go, postgresql\)/);
  });
});

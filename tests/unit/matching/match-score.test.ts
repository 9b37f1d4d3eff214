import { describe, expect, it } from 'vitest';
import { explainMatch } from '../../../src/domain/matching/explain-match.js';
import { scoreMatch } from '../../../src/domain/matching/match-score.js';
import { rankMatches } from '../../../src/domain/matching/rank-matches.js';
import { overlapHours } from '../../../src/domain/matching/working-hours-overlap.js';

const hcmcFirm = { timezone: 'Asia/Ho_Chi_Minh', startHour: 8, endHour: 17 };
const january = new Date('2026-01-15T00:00:00Z');
const july = new Date('2026-07-15T00:00:00Z');
const expertDay = (timezone: string) => ({ timezone, startHour: 9, endHour: 18 });

describe('shared working hours', () => {
  it('gives Berlin and Ho Chi Minh City 2 h in winter and 3 h in summer (DST)', () => {
    expect(overlapHours(expertDay('Europe/Berlin'), hcmcFirm, january)).toBe(2);
    expect(overlapHours(expertDay('Europe/Berlin'), hcmcFirm, july)).toBe(3);
  });

  it('gives San Francisco 1 h in winter and none in summer', () => {
    expect(overlapHours(expertDay('America/Los_Angeles'), hcmcFirm, january)).toBe(1);
    expect(overlapHours(expertDay('America/Los_Angeles'), hcmcFirm, july)).toBe(0);
  });

  it('gives Tokyo 8 h', () => {
    expect(overlapHours(expertDay('Asia/Tokyo'), hcmcFirm, january)).toBe(8);
  });

  it('handles windows that cross midnight, and half hours', () => {
    const nightShift = { timezone: 'Asia/Ho_Chi_Minh', startHour: 22, endHour: 6 };
    expect(overlapHours(nightShift, { timezone: 'Europe/London', startHour: 0, endHour: 24 }, january)).toBe(8);
    expect(overlapHours(expertDay('Asia/Kolkata'), hcmcFirm, january)).toBe(6.5);
  });
});

const request = {
  skillsMust: ['kubernetes', 'go'],
  skillsNice: ['aws'],
  engagementType: 'remote_consulting' as const,
  languages: ['vi', 'en'],
  timezoneWindow: hcmcFirm,
  workMode: 'remote' as const,
};

const experts = {
  berlin: { skills: ['K8s', 'golang', 'AWS'], languages: ['vi', 'en'], timezone: 'Europe/Berlin', engagementTypes: ['remote_consulting' as const], availability: 'available' as const },
  tokyo: { skills: ['kubernetes'], languages: ['ja', 'en'], timezone: 'Asia/Tokyo', engagementTypes: ['remote_consulting' as const], availability: 'available' as const },
  sanFrancisco: { skills: ['kubernetes', 'go'], languages: ['en'], timezone: 'America/Los_Angeles', engagementTypes: ['mentoring' as const], availability: 'available' as const },
  busyBerlin: { skills: ['kubernetes', 'go', 'aws'], languages: ['vi', 'en'], timezone: 'Europe/Berlin', engagementTypes: ['remote_consulting' as const], availability: 'unavailable' as const },
  awsOnly: { skills: ['aws'], languages: ['vi'], timezone: 'Asia/Ho_Chi_Minh', engagementTypes: ['remote_consulting' as const], availability: 'available' as const },
};
type Name = keyof typeof experts;

describe('match score', () => {
  it('scores each part as documented, with aliases normalised (k8s = kubernetes)', () => {
    const result = scoreMatch(experts.berlin, request, january);
    expect(result.score).toBe(94); // 50 must + 15 nice + 15 engagement + 6 overlap (2 of 4 h) + 8 language
    expect(result.explanation).toEqual({
      matchedMust: ['kubernetes', 'go'],
      missingMust: [],
      matchedNice: ['amazon-web-services'],
      engagementMatches: true,
      sharedLanguages: ['vi', 'en'],
      overlapHours: 2,
      availability: 'available',
    });
  });

  it('ranks five experts for one request in a fixed, explained order', () => {
    const names = Object.keys(experts) as Name[];
    const ranked = rankMatches(names, (n) => scoreMatch(experts[n], request, january), 10, (n) => n);
    expect(ranked).toEqual(['berlin', 'sanFrancisco', 'tokyo', 'busyBerlin']);
    expect(ranked.map((n) => scoreMatch(experts[n], request, january).score)).toEqual([94, 61, 60, 28]);
  });

  it('does not hold missing overlap against an onsite expert, who works the firm’s hours', () => {
    const remote = scoreMatch(experts.sanFrancisco, request, july).score;
    const onsite = scoreMatch(experts.sanFrancisco, { ...request, workMode: 'onsite' }, july).score;
    expect(onsite - remote).toBe(12);
  });

  it('breaks ties by the caller’s key, so the order never depends on the database', () => {
    const twins = ['b', 'a', 'c'];
    expect(rankMatches(twins, () => scoreMatch(experts.berlin, request, january), 10, (n) => n)).toEqual(['a', 'b', 'c']);
  });
});

describe('match explanation', () => {
  const tokyo = scoreMatch(experts.tokyo, request, january);

  it('reads naturally in English', () => {
    expect(explainMatch(tokyo, 'en', 'remote_consulting')).toBe(
      'Has 1 of 2 must-have skills (kubernetes; missing go) · offers remote consulting · speaks en · 8 h of shared working time',
    );
  });

  it('reads naturally in Vietnamese, with a decimal comma', () => {
    const kolkata = scoreMatch({ ...experts.berlin, timezone: 'Asia/Kolkata' }, request, january);
    expect(explainMatch(kolkata, 'vi', 'remote_consulting')).toBe(
      'Có 2/2 kỹ năng bắt buộc (kubernetes, go) · thêm amazon-web-services · nhận tư vấn từ xa · nói tiếng vi, en · trùng 6,5 giờ làm việc',
    );
  });

  it('says when the expert is unavailable or offers another kind of work', () => {
    const text = explainMatch(scoreMatch(experts.busyBerlin, { ...request, engagementType: 'investment' }, january), 'en', 'investment');
    expect(text).toContain('does not offer investment');
    expect(text).toContain('currently unavailable');
  });
});

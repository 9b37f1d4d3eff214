import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMULA_FIRM, QUOTED_FIRM, seedReportDataset } from '../../support/report-dataset.js';
import { startTestApi, type TestApi } from '../../support/service.js';

/** Splits RFC 4180 text into rows of fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      endField();
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i += 1;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('programme report: figures for a month and a year in Asia/Ho_Chi_Minh', () => {
  let api: TestApi;
  let organiser: string;

  beforeAll(async () => {
    api = await startTestApi();
    organiser = await api.tokenFor(['organiser'], 'Sở TT&TT');
    await seedReportDataset(api.service.connection);
  });
  afterAll(async () => {
    await api.stop();
  });

  it('counts November 2025 by the city’s clock', async () => {
    const res = await api.call('GET', '/reports/programme?year=2025&month=11', { token: organiser });
    expect(res.status).toBe(200);
    const firmId = (name: string) => res.body.fairMeetings.byFirm.find((t: { name: string }) => t.name === name)?.key;
    expect(res.body).toEqual({
      period: { year: 2025, month: 11, label: '2025-11', timezone: 'Asia/Ho_Chi_Minh', from: '2025-10-31T17:00:00.000Z', to: '2025-11-30T17:00:00.000Z' },
      experts: {
        new: 3,
        byCountry: [{ key: 'DE', count: 2 }, { key: 'JP', count: 1 }],
        bySkill: [{ key: 'go', count: 2 }, { key: 'kubernetes', count: 1 }, { key: 'react', count: 1 }],
      },
      firms: { new: 2, verified: 2 },
      requests: {
        published: 2,
        byEngagementType: [{ key: 'mentoring', count: 1 }, { key: 'remote_consulting', count: 1 }],
        bySkill: [{ key: 'go', count: 2 }, { key: 'kubernetes', count: 1 }],
      },
      introductions: { requested: 3, accepted: 1, acceptanceRate: 0.3333 },
      events: {
        held: 3,
        byKind: [{ key: 'fair', count: 1 }, { key: 'meetup', count: 1 }, { key: 'seminar', count: 1 }],
        rsvps: 5,
        attended: 3,
        eventsWithAttendance: 2,
        attendanceRate: 0.6,
      },
      fairMeetings: {
        booked: 3,
        byFirm: [
          { key: firmId(QUOTED_FIRM), name: QUOTED_FIRM, count: 2 },
          { key: firmId(FORMULA_FIRM), name: FORMULA_FIRM, count: 1 },
        ],
      },
    });
  });

  it('counts the whole of 2025, from 00:00 on 1 January local time', async () => {
    const res = await api.call('GET', '/reports/programme?year=2025', { token: organiser });
    expect(res.body.period).toMatchObject({ month: null, label: '2025', from: '2024-12-31T17:00:00.000Z', to: '2025-12-31T17:00:00.000Z' });
    expect(res.body.experts).toEqual({
      new: 6,
      byCountry: [{ key: 'DE', count: 2 }, { key: 'US', count: 2 }, { key: 'FR', count: 1 }, { key: 'JP', count: 1 }],
      bySkill: [{ key: 'go', count: 4 }, { key: 'kubernetes', count: 1 }, { key: 'python', count: 1 }, { key: 'react', count: 1 }],
    });
    expect(res.body.firms).toEqual({ new: 3, verified: 3 });
    expect(res.body.requests).toMatchObject({ published: 3, bySkill: [{ key: 'go', count: 2 }, { key: 'kubernetes', count: 1 }, { key: 'python', count: 1 }] });
    expect(res.body.requests.byEngagementType.map((t: { key: string }) => t.key)).toEqual(['investment', 'mentoring', 'remote_consulting']);
    expect(res.body.introductions).toEqual({ requested: 4, accepted: 2, acceptanceRate: 0.5 });
    expect(res.body.events).toMatchObject({ held: 4, rsvps: 6, attended: 4, attendanceRate: 0.6667 });
    expect(res.body.events.byKind.map((t: { key: string }) => t.key)).toEqual(['conference', 'fair', 'meetup', 'seminar']);
    expect(res.body.fairMeetings.booked).toBe(3);
  });

  it('answers zeros and null rates for a month with nothing in it', async () => {
    const res = await api.call('GET', '/reports/programme?year=2030&month=2', { token: organiser });
    expect(res.body.introductions).toEqual({ requested: 0, accepted: 0, acceptanceRate: null });
    expect(res.body.events).toEqual({ held: 0, byKind: [], rsvps: 0, attended: 0, eventsWithAttendance: 0, attendanceRate: null });
  });

  it('refuses a month out of range', async () => {
    expect((await api.call('GET', '/reports/programme?year=2025&month=13', { token: organiser })).status).toBe(400);
  });

  it('serves the same figures as a CSV that Excel opens with Vietnamese intact', async () => {
    const res = await fetch(`${api.url}/api/v1/reports/programme.csv?year=2025&month=11`, {
      headers: { authorization: `Bearer ${organiser}`, 'accept-language': 'vi' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('programme-report-2025-11.csv');
    // Read the raw bytes as Excel does: text() would drop the byte-order mark.
    const raw = Buffer.from(await res.arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain(`,"Công ty ""Sông Hàn"", Đà Nẵng",2\r\n`);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(['Kỳ', 'Chỉ số', 'Phân loại', 'Giá trị']);
    expect(rows.every((r) => r.length === 4)).toBe(true);
    const value = (metric: string, breakdown: string) => rows.find((r) => r[1] === metric && r[2] === breakdown)?.[3];
    expect(value('Chuyên gia mới', 'Tổng')).toBe('3');
    expect(value('Chuyên gia mới theo quốc gia', 'DE')).toBe('2');
    expect(value('Tỷ lệ chấp nhận kết nối', 'Tổng')).toBe('33.3%');
    expect(value('Cuộc gặp tại hội chợ theo doanh nghiệp', QUOTED_FIRM)).toBe('2');
    expect(value('Cuộc gặp tại hội chợ theo doanh nghiệp', `'${FORMULA_FIRM}`)).toBe('1');
  });

  it('labels the CSV in English on request', async () => {
    const res = await api.call('GET', '/reports/programme.csv?year=2025', { token: organiser, lang: 'en' });
    const rows = parseCsv((res.body as string).replace(/^\uFEFF/, ''));
    expect(rows[0]).toEqual(['Period', 'Metric', 'Breakdown', 'Value']);
    expect(rows).toContainEqual(['2025', 'Introduction acceptance rate', 'Total', '50%']);
  });
});

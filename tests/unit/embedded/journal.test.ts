import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, JournalCorruptError, type JournalRecord } from '../../../src/db/embedded/persistence/journal.js';

let dir: string;
const warnings: string[] = [];
const open = (options: Partial<Parameters<typeof Journal.open>[1]> = {}) =>
  Journal.open(dir, { fsync: 'always', onWarning: (m) => warnings.push(m), ...options });
const put = (id: unknown, extra: Record<string, unknown> = {}): JournalRecord => ({ op: 'put', db: 'app', coll: 'c', doc: { _id: id, ...extra } });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-test-'));
  warnings.length = 0;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('Journal', () => {
  it('replays every record kind in order, with BSON types intact', async () => {
    const records: JournalRecord[] = [
      { op: 'createCollection', db: 'app', coll: 'c', options: { capped: false } },
      { op: 'createIndex', db: 'app', coll: 'c', spec: { key: { title: 'text' }, name: 'title_text' } },
      put(new ObjectId(), {
        date: new Date('2025-01-02T03:04:05.678Z'),
        dec: Decimal128.fromString('1234.5678901234567890'),
        bigLong: Long.fromString('9007199254740993'),
        smallLong: Long.fromNumber(7),
        int: 42,
        double: 1.5,
        negZero: -0,
        bin: new Binary(Buffer.from([1, 2, 3]), 0),
        ts: new Timestamp({ t: 1_700_000_000, i: 3 }),
        min: new MinKey(),
        max: new MaxKey(),
        re: /ab+c/i,
        nested: { arr: [1, 'two', null, { 'dotted.key': true, $dollar: 1 }] },
      }),
      { op: 'delete', db: 'app', coll: 'c', id: 'gone' },
      { op: 'dropIndex', db: 'app', coll: 'c', name: 'title_text' },
      { op: 'dropCollection', db: 'app', coll: 'c' },
      { op: 'dropDatabase', db: 'app' },
    ];
    const first = await open();
    first.journal.append(records.slice(0, 3));
    first.journal.append(records.slice(3));
    await first.journal.close();

    const { journal, replay } = await open();
    await journal.close();
    expect(replay).toEqual(records);
    const doc = (replay[2] as { doc: Record<string, unknown> }).doc;
    expect(doc.bigLong).toBeInstanceOf(Long);
    expect(doc.smallLong).toBeInstanceOf(Long); // Longs are never promoted to numbers
    expect(doc.dec).toBeInstanceOf(Decimal128);
    expect(doc._id).toBeInstanceOf(ObjectId);
    expect(Object.is(doc.negZero, -0)).toBe(true);
  });

  it('writes Int32 and Double wrappers with their BSON types (read back like the wire layer: an int as a number, an integral double as a Double)', async () => {
    const first = await open();
    first.journal.append([put(1, { i: new Int32(5), d: new Double(5) })]);
    await first.journal.close();
    const raw = fs.readFileSync(path.join(dir, 'journal.log'));
    expect(raw.includes(Buffer.from([0x10, 0x69, 0x00, 5, 0, 0, 0]))).toBe(true); // int32 "i"
    expect(raw.includes(Buffer.from([0x01, 0x64, 0x00]))).toBe(true); // double "d"
    const { journal, replay } = await open();
    await journal.close();
    expect(replay).toEqual([put(1, { i: 5, d: new Double(5) })]);
  });

  it('cuts off a torn tail with a warning and keeps appending after it', async () => {
    const first = await open();
    first.journal.append([put(1), put(2)]);
    await first.journal.close();
    const log = path.join(dir, 'journal.log');
    const full = fs.readFileSync(log);
    fs.appendFileSync(log, Buffer.concat([Buffer.from([60, 0, 0, 0, 1, 2, 3, 4]), Buffer.from('half a rec')]));

    const second = await open();
    expect(second.replay).toEqual([put(1), put(2)]);
    expect(warnings.join()).toMatch(/incomplete write/);
    expect(fs.statSync(log).size).toBe(full.length);
    second.journal.append([put(3)]);
    await second.journal.close();

    const third = await open();
    await third.journal.close();
    expect(third.replay).toEqual([put(1), put(2), put(3)]);
  });

  it('treats zeros left by a power cut as a torn tail', async () => {
    const first = await open();
    first.journal.append([put(1)]);
    await first.journal.close();
    fs.appendFileSync(path.join(dir, 'journal.log'), Buffer.alloc(4096));
    const { journal, replay } = await open();
    await journal.close();
    expect(replay).toEqual([put(1)]);
  });

  it('refuses to start on corruption in the middle of the log', async () => {
    const first = await open();
    first.journal.append([put(1, { text: 'aaaaaaaa' })]);
    first.journal.append([put(2)]);
    await first.journal.close();
    const log = path.join(dir, 'journal.log');
    const buf = fs.readFileSync(log);
    buf[buf.indexOf('aaaaaaaa')] = 0x62; // flip a byte inside the first record
    fs.writeFileSync(log, buf);
    await expect(open()).rejects.toThrow(JournalCorruptError);
    await expect(open()).rejects.toThrow(/corrupt at byte \d+ .*checksum mismatch/);
  });

  it('compacts into a snapshot and keeps records appended during compaction', async () => {
    const { journal } = await open({ compactAfterBytes: 200 });
    journal.append([put(1, { pad: 'x'.repeat(300) })]);
    expect(journal.needsCompaction()).toBe(true);
    const compaction = journal.compact([put(1, { pad: 'compacted' })]);
    journal.append([put(2)]); // lands while the snapshot is being written
    await compaction;
    expect(journal.needsCompaction()).toBe(false);
    journal.append([put(3)]);
    await journal.close();

    const reopened = await open();
    await reopened.journal.close();
    expect(reopened.replay).toEqual([put(1, { pad: 'compacted' }), put(2), put(3)]);
  });

  it('recovers when a crash hit between renaming the snapshot and replacing the log', async () => {
    const { journal } = await open();
    journal.append([put(1)]);
    const compaction = journal.compact([put(1)]);
    journal.append([put(2)]);
    const oldLog = fs.readFileSync(path.join(dir, 'journal.log')); // generation 0: 1, 2
    await compaction;
    await journal.close();
    fs.writeFileSync(path.join(dir, 'journal.log'), oldLog); // as if the log swap never happened

    const reopened = await open();
    reopened.journal.append([put(3)]);
    await reopened.journal.close();
    const last = await open();
    await last.journal.close();
    expect(last.replay).toEqual([put(1), put(2), put(3)]);
  });

  it('ignores a half-written snapshot.tmp', async () => {
    const { journal } = await open();
    journal.append([put(1)]);
    await journal.close();
    fs.writeFileSync(path.join(dir, 'snapshot.bson.tmp'), 'garbage');
    const reopened = await open();
    await reopened.journal.close();
    expect(reopened.replay).toEqual([put(1)]);
  });

  it('refuses a directory this process already serves and takes it after close, whatever pid mongod.lock names', async () => {
    const { journal } = await open();
    await expect(open()).rejects.toThrow(/in use by this process/);
    await journal.close();
    expect(fs.readFileSync(path.join(dir, 'mongod.lock'), 'utf8')).toBe('');

    fs.writeFileSync(path.join(dir, 'mongod.lock'), `${process.ppid}\n`); // a live pid, but it holds no lock
    const taken = await open();
    expect(fs.readFileSync(path.join(dir, 'mongod.lock'), 'utf8').trim()).toBe(String(process.pid));
    await taken.journal.close();
  });

  it('fsyncs in batches and still persists on close', async () => {
    const { journal } = await open({ fsync: 'batched', fsyncIntervalMs: 10 });
    for (let i = 0; i < 100; i++) journal.append([put(i)]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await journal.close();
    const reopened = await open();
    await reopened.journal.close();
    expect(reopened.replay).toHaveLength(100);
    expect(() => journal.append([put(1)])).toThrow(/closed/);
  });

  it('writes staged records only at commit, all of them in one append', async () => {
    const first = await open({ fsync: 'batched' });
    const log = path.join(dir, 'journal.log');
    const empty = fs.statSync(log).size;
    first.journal.stage([put(1)]);
    first.journal.stage([put(2), put(3)]);
    expect(first.journal.hasStaged()).toBe(true);
    expect(fs.statSync(log).size).toBe(empty);
    first.journal.commit();
    expect(first.journal.hasStaged()).toBe(false);
    expect(fs.statSync(log).size).toBeGreaterThan(empty);
    await first.journal.close();
    const { journal, replay } = await open();
    await journal.close();
    expect(replay).toEqual([put(1), put(2), put(3)]);
  });

  it('writes what is still staged when it closes', async () => {
    const first = await open({ fsync: 'batched' });
    first.journal.stage([put('staged')]);
    await first.journal.close();
    const { journal, replay } = await open();
    await journal.close();
    expect(replay).toEqual([put('staged')]);
  });

  it('refuses to stage a batch holding a record it cannot encode, keeping what was staged before', async () => {
    const first = await open();
    first.journal.stage([put(1)]);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => first.journal.stage([put(2), put(3, { circular })])).toThrow(/circular/i);
    await first.journal.close();
    const { journal, replay } = await open();
    await journal.close();
    expect(replay).toEqual([put(1)]);
  });
});

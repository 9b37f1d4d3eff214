import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_MERGE_PLAN, MERGE_STEPS } from '../../../src/domain/account-merge-plan.js';
import { createDomainServices } from '../../../src/domain/domain-services.js';
import { connectionWithEveryModel, objectIdPaths } from '../../support/model-scan.js';

const domainDir = fileURLToPath(new URL('../../../src/domain', import.meta.url));

describe('the account merge plan', () => {
  it('decides about every ObjectId field of every model, so a new one cannot be forgotten by /link', async () => {
    const { connection } = await connectionWithEveryModel(domainDir);
    const undecided = Object.entries(connection.models).flatMap(([name, model]) =>
      objectIdPaths(model.schema)
        .filter((path) => ACCOUNT_MERGE_PLAN[name]?.[path] === undefined)
        .map((path) => `${name}.${path}`),
    );
    expect(undecided, 'add these fields to ACCOUNT_MERGE_PLAN (src/domain/account-merge-plan.ts)').toEqual([]);
    expect(Object.keys(connection.models).length).toBeGreaterThan(30);
  });

  it('lists no field that no model has (a renamed field would silently stop moving)', async () => {
    const { connection } = await connectionWithEveryModel(domainDir);
    const stale = Object.entries(ACCOUNT_MERGE_PLAN).flatMap(([name, fields]) => {
      const model = connection.models[name];
      const paths = model ? objectIdPaths(model.schema) : [];
      return Object.keys(fields).filter((path) => !paths.includes(path)).map((path) => `${name}.${path}`);
    });
    expect(stale).toEqual([]);
  });

  it('has an implementation for every step, in the services the process builds', async () => {
    const { connection } = await connectionWithEveryModel(domainDir);
    const services = createDomainServices(connection);
    expect([...services.merges.stepNames()].sort()).toEqual([...MERGE_STEPS].sort());
    const used = new Set(Object.values(ACCOUNT_MERGE_PLAN).flatMap((fields) => Object.values(fields).flatMap((f) => (typeof f === 'object' && 'move' in f ? [f.move] : []))));
    expect(MERGE_STEPS.filter((step) => step !== 'profile' && !used.has(step))).toEqual([]);
  });

  it('finds a user reference hidden in a nested object or an array', async () => {
    const { connection } = await connectionWithEveryModel(domainDir);
    expect(objectIdPaths(connection.models.User!.schema)).toContain('ban.by');
    expect(objectIdPaths(connection.models.ProgrammeEvent!.schema)).toContain('organisers');
    expect(objectIdPaths(connection.models.Firm!.schema)).toContain('members.userId');
  });
});

import os from 'node:os';
import { SERVER_VERSION } from '../commands/handshake.command.js';
import { ErrorCode, MongoError } from '../mongo-errors.js';
import type { Doc } from '../storage/document-paths.js';
import { parsedQuery } from './parsed-query.js';
import { executionStages, nestStages, type ReadOutcome, type Stage } from './plan-stages.js';

/** The three verbosities mongod knows; it runs the read for the last two. */
export type Verbosity = 'queryPlanner' | 'executionStats' | 'allPlansExecution';

const VERBOSITIES = new Set<string>(['queryPlanner', 'executionStats', 'allPlansExecution']);

/** The explain command's `verbosity` (mongod's default is allPlansExecution). */
export function verbosityOf(value: unknown): Verbosity {
  if (value === undefined) return 'allPlansExecution';
  if (typeof value !== 'string' || !VERBOSITIES.has(value)) {
    throw new MongoError(ErrorCode.BadValue, "verbosity string must be one of {'queryPlanner', 'executionStats', 'allPlansExecution'}");
  }
  return value as Verbosity;
}

/** The `queryPlanner` section: the one plan this server considers, no rejected ones. */
export function queryPlannerSection(ns: string, filter: Doc, stages: Doc[]): Doc {
  return {
    namespace: ns,
    indexFilterSet: false,
    parsedQuery: parsedQuery(filter),
    maxIndexedOrSolutionsReached: false,
    maxIndexedAndSolutionsReached: false,
    maxScansToExplodeReached: false,
    winningPlan: nestStages(stages),
    rejectedPlans: [],
  };
}

/** The `executionStats` section for a read that ran, with its timing. */
export function executionStatsSection(stages: Stage[], outcome: ReadOutcome, millis: number, verbosity: Verbosity, nReturned = outcome.returned): Doc {
  return {
    executionSuccess: true,
    nReturned,
    executionTimeMillis: Math.round(millis),
    totalKeysExamined: outcome.trace.keysExamined,
    totalDocsExamined: outcome.trace.docsExamined,
    executionStages: executionStages(stages, outcome),
    ...(verbosity === 'allPlansExecution' ? { allPlansExecution: [] } : {}),
  };
}

/** The fields every explain reply ends with. */
export function explainFooter(command: Doc, db: string): Doc {
  return {
    command: { ...command, $db: db },
    serverInfo: { host: os.hostname(), version: SERVER_VERSION, gitVersion: 'embedded' },
    serverParameters: {
      internalQueryFacetBufferSizeBytes: 104857600,
      internalQueryFacetMaxOutputDocSizeBytes: 104857600,
      internalLookupStageIntermediateDocumentMaxSizeBytes: 104857600,
      internalDocumentSourceGroupMaxMemoryBytes: 104857600,
      internalQueryMaxBlockingSortMemoryUsageBytes: 104857600,
      internalQueryProhibitBlockingMergeOnMongoS: 0,
      internalQueryMaxAddToSetBytes: 104857600,
      internalDocumentSourceSetWindowFieldsMaxMemoryBytes: 104857600,
    },
  };
}

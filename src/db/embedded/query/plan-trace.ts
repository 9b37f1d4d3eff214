import type { Doc } from '../storage/document-paths.js';

/** How a read reached its documents, as the planner chose it (what `explain` reports). */
export type AccessPlan =
  | { kind: 'eof' }
  | { kind: 'collscan' }
  | { kind: 'text'; indexName: string }
  | {
    kind: 'ixscan';
    indexName: string;
    keyPattern: Doc;
    /** Per index field: the equality values the scan is confined to (none = the whole range). */
    bounds: unknown[][];
    backward: boolean;
    unique: boolean;
    multiKey: boolean;
    /** The scan hands documents out in the read's sort order (no SORT stage needed). */
    providesSort: boolean;
  };

/** What one traced read did: the access path plus the work counters mongod reports. */
export interface PlanTrace {
  access: AccessPlan | undefined;
  keysExamined: number;
  docsExamined: number;
  /** Documents that passed the filter (some may be cut by skip or limit afterwards). */
  docsMatched: number;
}

// Commands run one at a time on one thread, so one ambient trace at a time is enough; the
// planner only pays a null check when nobody is explaining.
let current: PlanTrace | null = null;

/** Runs `read` while recording the plan the planner picks for it (explain's entry point). */
export function tracePlan<T>(read: () => T): { result: T; trace: PlanTrace } {
  const outer = current;
  const trace: PlanTrace = { access: undefined, keysExamined: 0, docsExamined: 0, docsMatched: 0 };
  current = trace;
  try {
    return { result: read(), trace };
  } finally {
    current = outer;
  }
}

/** The planner's choice for the read being traced; the first choice recorded wins. */
export function notePlan(access: AccessPlan): void {
  if (current && current.access === undefined) current.access = access;
}

/** One index key looked at. */
export function noteKeyExamined(): void {
  if (current) current.keysExamined += 1;
}

/** The filter test, counting each document it examines while a trace is running. */
export function countingTest(test: (doc: Doc) => boolean): (doc: Doc) => boolean {
  const trace = current;
  if (!trace) return test;
  return (doc) => {
    trace.docsExamined += 1;
    const passed = test(doc);
    if (passed) trace.docsMatched += 1;
    return passed;
  };
}

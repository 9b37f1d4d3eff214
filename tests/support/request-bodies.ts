/** Bodies each route accepts, for the fuzz and limit tests to mutate. */
import { apiRoutes } from '../../src/api/routes/index.js';
import { VALID_BODIES as LISTED_BODIES } from './valid-bodies.js';

/** Each body route's OpenAPI example (the document's promise that the body is valid). */
const EXAMPLE_BODIES: Record<string, Record<string, unknown>> = Object.fromEntries(
  apiRoutes.flatMap((route) => (route.example ? [[route.operationId, route.example]] : [])),
);

/**
 * A valid body per operation: the entry in valid-bodies.ts where there is one (tests may need
 * particular values there), else the route's example, so a new route needs only its example.
 */
export const VALID_BODIES: Record<string, Record<string, unknown>> = { ...EXAMPLE_BODIES, ...LISTED_BODIES };

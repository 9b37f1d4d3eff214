import type { ApiAnswer } from './service.js';

/** The people the authorization matrix acts as. */
export const PERSONAS = ['anonymous', 'member', 'expert', 'firmOwner', 'firmStaff', 'otherFirmOwner', 'moderator', 'admin'] as const;
export type Persona = (typeof PERSONAS)[number];
export type Signed = Exclude<Persona, 'anonymous'>;
/** The status each persona must get. */
export type Expected = Record<Persona, number>;

/** Everyone, signed in or not, gets `status`. */
export const everyone = (status: number): Expected => Object.fromEntries(PERSONAS.map((p) => [p, status])) as Expected;
/** Anonymous callers get 401; every signed-in persona gets `status`. */
export const signedIn = (status: number): Expected => ({ ...everyone(status), anonymous: 401 });

/** One persona's attempt: calls go out with its token (none for anonymous). */
export interface Cell {
  persona: Persona;
  token: string | undefined;
  call(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
}

/** One route of the matrix: what each persona must get, and how to make a valid call. */
export interface Row {
  op: string;
  expect: Expected;
  call(cell: Cell): Promise<ApiAnswer>;
}

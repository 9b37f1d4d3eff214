import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Paths that may carry credentials; pino replaces them before anything is written. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'headers.authorization',
  'token',
  'password',
  'secret',
  'secretKey',
  'headers["webhook-signature"]',
  '*.token',
  '*.password',
  '*.secret',
  '*.secretKey',
];

/** Builds the process logger: pretty lines in a terminal, JSON lines otherwise. */
export function createLogger(level: string, options: { pretty?: boolean } = {}): Logger {
  const pretty = options.pretty ?? Boolean(process.stdout.isTTY);
  return pino({
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } } }
      : {}),
  });
}

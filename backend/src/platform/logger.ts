// pino JSON lines. Every line carries the request id and user id of the request it belongs to.
// Redaction is the safety net; the first rule is not to log bodies, tokens or personal data at all.
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentRequestContext } from './request-context';

export type { Logger };

/** Field names whose values never reach a log line, at any of the first three levels. */
const SENSITIVE_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'temporaryPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'set-cookie',
  'secret',
  'apiKey',
  'nationalId',
  'cardNumber',
  'iban',
  'accountNumber',
  'dateOfBirth',
  'email',
  'phone',
];

export const REDACT_PATHS = SENSITIVE_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const sep = key.startsWith('[') ? '' : '.';
  return [key, `*${sep}${key}`, `*.*${sep}${key}`];
});

/** Errors are logged as type, message, code and stack only: arbitrary properties may hold request data. */
interface SerializedError {
  type?: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: SerializedError;
}

function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { message: String(err) };
  const withCode = err as Error & { code?: unknown };
  return {
    type: err.name,
    message: err.message,
    code: typeof withCode.code === 'string' ? withCode.code : undefined,
    stack: err.stack,
    cause: err.cause instanceof Error ? serializeError(err.cause) : undefined,
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'policydesk' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
      mixin() {
        const ctx = currentRequestContext();
        return ctx ? { requestId: ctx.requestId, userId: ctx.userId } : {};
      },
    },
    destination,
  );
}

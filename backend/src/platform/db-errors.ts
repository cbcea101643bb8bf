// PostgreSQL error codes are translated here and nowhere else.
import { type AppError, ConflictError, ServiceUnavailableError } from './errors';

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
}

const isPgError = (err: unknown): err is PgError & Error => err instanceof Error && typeof (err as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((err as PgError).code!);

/** Serialization failures and deadlocks: safe to retry the whole transaction. */
export const isRetryableTransactionError = (err: unknown) => isPgError(err) && (err.code === '40001' || err.code === '40P01');

/** Maps a database error to an AppError, or returns undefined when it is not one we understand. */
export function translateDbError(err: unknown): AppError | undefined {
  if (!isPgError(err)) {
    // Pool/connection failures from pg and knex carry no SQLSTATE.
    if (err instanceof Error && /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|Knex: Timeout acquiring a connection/i.test(err.message)) {
      return new ServiceUnavailableError('The database is unreachable; try again shortly.');
    }
    return undefined;
  }
  const code = err.code ?? '';
  switch (code) {
    case '23505':
      return new ConflictError('DUPLICATE', 'A record with the same unique value already exists.', { constraint: err.constraint });
    case '23503':
      return new ConflictError('REFERENCE_CONFLICT', 'The record refers to, or is referred to by, another record.', { constraint: err.constraint });
    case '40001':
    case '40P01':
      return new ConflictError('CONCURRENT_UPDATE', 'Another change happened at the same time; try again.');
    case '57014':
      return new ServiceUnavailableError('The database took too long to answer.');
    default:
      if (code.startsWith('08') || code === '57P01' || code === '57P03' || code === '53300') {
        return new ServiceUnavailableError('The database is unreachable; try again shortly.');
      }
      return undefined;
  }
}

// PostgreSQL error codes are translated here and nowhere else.
import { type AppError, BadRequestError, ConflictError, ServiceUnavailableError } from './errors';

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
}

const isPgError = (err: unknown): err is PgError & Error => err instanceof Error && typeof (err as PgError).code === 'string' && /^[0-9A-Z]{5}$/.test((err as PgError).code!);

/** Serialization failures and deadlocks: safe to retry the whole transaction. */
export const isRetryableTransactionError = (err: unknown) => isPgError(err) && (err.code === '40001' || err.code === '40P01');

/** Class 22, data exception: a value the database cannot hold or compare (NUL, out-of-range dates, numbers or text). */
export const isDataException = (err: unknown) => isPgError(err) && err.code!.startsWith('22');

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
    case 'PD001':
      // Raised by the journal_entries trigger: the books are closed through that date.
      return new ConflictError('PERIOD_CLOSED', 'That date is in a closed accounting period; post it in the open month.');
    case '57014':
      return new ServiceUnavailableError('The database took too long to answer.');
    default:
      if (code.startsWith('08') || code === '57P01' || code === '57P03' || code === '53300') {
        return new ServiceUnavailableError('The database is unreachable; try again shortly.');
      }
      // Input the validation let through but the database cannot take: the request is at fault.
      if (code.startsWith('22')) return new BadRequestError('INVALID_VALUE', 'A value in the request cannot be stored or compared; check its range and characters.');
      // Object not in prerequisite state (e.g. a database refusing new connections, a lock not available): temporary.
      if (code.startsWith('55')) return new ServiceUnavailableError('The database cannot do this right now; try again shortly.');
      // Everything else (syntax, undefined column, …) is a programming error: a 500, logged with its stack.
      return undefined;
  }
}

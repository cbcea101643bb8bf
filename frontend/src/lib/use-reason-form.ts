// The state every "confirm with a reason" form keeps (a bounced payment, a waived fee, a voided
// invoice): the reason typed, its error beside the field, and the form's failure. `checked()` runs
// the API's own schema on `{ reason }` before any round trip; `refused(error)` puts the server's
// answer beside the field, or above it when it is about something else.
import { useState } from 'react';
import type { z } from 'zod';
import { describeError, type ErrorDescription } from './api-error';
import { serverFieldErrors } from './form-errors';

export type ReasonFailure = Pick<ErrorDescription, 'title' | 'detail'>;

export function useReasonForm<S extends z.ZodType<{ reason: string }>>(schema: S) {
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ReasonFailure | null>(null);

  /** The body to send, or null with the schema's first problem shown beside the field. */
  const checked = (): z.output<S> | null => {
    const parsed = schema.safeParse({ reason });
    if (!parsed.success) {
      setReasonError(parsed.error.issues[0]?.message);
      return null;
    }
    setReasonError(undefined);
    setFailure(null);
    return parsed.data;
  };

  const refused = (error: unknown) => {
    const { byField, unplaced } = serverFieldErrors(error, ['reason']);
    setReasonError(byField.reason);
    if (!byField.reason || unplaced.length > 0) setFailure(describeError(error));
  };

  return { reason, setReason, reasonError, failure, setFailure, checked, refused };
}

// The policy schedule (PDF) versions of a policy: version 1 at issue, one more at every issued policy
// transaction. The file itself is GET /api/policies/{id}/schedules/{version}/pdf.
import { z } from 'zod';
import { PersonRef } from './common';

export const PolicySchedule = z
  .object({
    version: z.number().int().min(1),
    /** The date the terms on this version take effect from. */
    effectiveDate: z.string(),
    /** Why this version exists, e.g. "Issued from order O-000123". */
    reason: z.string(),
    documentId: z.uuid(),
    filename: z.string(),
    sizeBytes: z.number().int(),
    /** SHA-256 of the PDF's bytes, hex. */
    sha256: z.string(),
    createdBy: PersonRef,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PolicySchedule' });
export type PolicySchedule = z.infer<typeof PolicySchedule>;

/** Every version, newest first. */
export const PolicyScheduleList = z.object({ items: z.array(PolicySchedule) }).meta({ id: 'PolicyScheduleList' });
export type PolicyScheduleList = z.infer<typeof PolicyScheduleList>;

/** The document code a schedule is stored under (documents.code). */
export const POLICY_SCHEDULE_DOCUMENT_CODE = 'POLICY_SCHEDULE';

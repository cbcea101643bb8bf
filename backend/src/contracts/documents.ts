// Uploaded documents (metadata; the file is downloaded from /api/documents/{id}/content).
import { z } from 'zod';
import { PersonRef } from './common';
import type { PermissionGrants } from './grants';

export const DocumentMeta = z
  .object({
    id: z.uuid(),
    code: z.string(),
    filename: z.string(),
    contentType: z.enum(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff']).or(z.string()),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    status: z.enum(['uploaded', 'verified', 'rejected']),
    rejectionReason: z.string().nullable(),
    uploadedBy: PersonRef,
    uploadedAt: z.iso.datetime(),
    reviewedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DocumentMeta' });
export type DocumentMeta = z.infer<typeof DocumentMeta>;

/** The form fields sent with the file. */
export const UploadDocumentFields = z
  .strictObject({ code: z.string().regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'Name the document it is, e.g. PROOF_OF_IDENTITY') })
  .meta({ id: 'UploadDocumentFields' });

/** Why an uploaded document is rejected (the record's owner sends a new one). */
export const RejectDocumentBody = z.strictObject({ reason: z.string().trim().min(3, 'Say what is wrong (at least 3 characters)').max(2000) }).meta({ id: 'RejectDocumentBody' });

/** Why a required document is not needed after all: who waived it, when, and why. */
export const DocumentWaiver = z.object({ reason: z.string(), waivedBy: PersonRef, waivedAt: z.iso.datetime() }).meta({ id: 'DocumentWaiver' });
export type DocumentWaiver = z.infer<typeof DocumentWaiver>;

export const CHECKLIST_STATUSES = ['missing', 'uploaded', 'verified', 'rejected', 'waived'] as const;

/**
 * One line of a record's document checklist: its latest upload and where it stands — `waived` once
 * someone allowed to waived it (with the waiver), whatever was uploaded.
 */
export const ChecklistItem = z
  .object({ code: z.string(), name: z.string(), status: z.enum(CHECKLIST_STATUSES), document: DocumentMeta.nullable(), waiver: DocumentWaiver.nullable() })
  .meta({ id: 'ChecklistItem' });
export type ChecklistItem = z.infer<typeof ChecklistItem>;

// --- What the documents module declares (the console uses these too). Its downloads are checked
// against the owning record's read permission, so it adds none of its own.
export const DOCUMENTS_PERMISSIONS = {} as const satisfies PermissionGrants;

export const DOCUMENTS_AUDIT_ACTIONS = ['document.upload', 'document.verify', 'document.reject', 'document.sensitive_read'] as const;
export type DocumentsAuditAction = (typeof DOCUMENTS_AUDIT_ACTIONS)[number];

export const DOCUMENTS_ERROR_CODES = ['UNSUPPORTED_FILE_TYPE', 'DOCUMENT_ALREADY_REVIEWED'] as const;
export type DocumentsErrorCode = (typeof DOCUMENTS_ERROR_CODES)[number];

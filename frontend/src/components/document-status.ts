// How a checklist document's status reads and is coloured, wherever a checklist shows up.
import type { ChecklistItem } from '@contracts/documents';

export const DOCUMENT_STATUS_LABELS: Record<ChecklistItem['status'], string> = {
  missing: 'Missing',
  uploaded: 'Uploaded',
  verified: 'Verified',
  rejected: 'Rejected',
  waived: 'Waived',
};

export const DOCUMENT_STATUS_COLORS: Record<ChecklistItem['status'], string> = {
  missing: 'gray',
  uploaded: 'blue',
  verified: 'teal',
  rejected: 'red',
  waived: 'grape',
};

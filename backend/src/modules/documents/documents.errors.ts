// The documents module's own problem codes (DocumentsErrorCode, declared in its contract).
import type { DocumentsErrorCode } from '../../contracts/documents';
import { ConflictError, UnsupportedMediaTypeError, type ProblemExtras } from '../../platform/errors';

export const documentsConflict = (code: DocumentsErrorCode, detail: string, extras?: ProblemExtras) => new ConflictError(code, detail, extras);

/** 415 UNSUPPORTED_FILE_TYPE: the bytes are not one of the accepted types, whatever the name says. */
export const unsupportedFileType = (accepted: string) =>
  new UnsupportedMediaTypeError(accepted, 'UNSUPPORTED_FILE_TYPE' satisfies DocumentsErrorCode, `This file is not a ${accepted} (its content says otherwise, whatever its name).`);

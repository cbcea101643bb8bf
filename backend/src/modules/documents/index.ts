// The documents module: uploaded files, checked by their bytes and stored by SHA-256, for the
// modules whose records take files (orders now); downloads for whoever may see the owning record.
import { DOCUMENTS_AUDIT_ACTIONS, DOCUMENTS_ERROR_CODES, DOCUMENTS_PERMISSIONS } from '../../contracts/documents';
import { defineModule } from '../../platform/module';
import { registerDocumentRoutes } from './documents.routes';
import { DocumentsService } from './documents.service';

export interface DocumentsServices {
  /** Uploaded files (type from the bytes, SHA-256, under DOCUMENTS_DIR) and who may read them. */
  documents: DocumentsService;
}

export const documentsModule = defineModule({
  name: 'documents',
  permissions: DOCUMENTS_PERMISSIONS,
  auditActions: DOCUMENTS_AUDIT_ACTIONS,
  errorCodes: DOCUMENTS_ERROR_CODES,
  requires: ['audit'],
  provides: {
    documents: ({ config, clock, services }) => new DocumentsService(config.documentsDir, clock, services.audit),
  },
  register: registerDocumentRoutes,
});

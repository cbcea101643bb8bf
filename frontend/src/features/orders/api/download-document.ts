import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notifyProblem } from '@/lib/notify';
import { saveFile } from '@/lib/save-file';

export interface DownloadDocumentInput {
  documentId: string;
  /** The stored name, used when the server does not name the file. */
  filename: string;
}

/** GET /documents/{id}/content needs the bearer token, so the file comes as a blob through the API client. */
export async function downloadDocument({ documentId, filename }: DownloadDocumentInput): Promise<void> {
  const file = await api.download(`/documents/${documentId}/content`);
  saveFile(file.blob, file.filename ?? filename);
}

export function useDownloadDocument() {
  return useMutation({ mutationFn: downloadDocument, onError: (error) => notifyProblem(error, 'Could not download the document') });
}

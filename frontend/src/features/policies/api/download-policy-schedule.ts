import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notifyProblem } from '@/lib/notify';
import { saveFile } from '@/lib/save-file';

export interface DownloadScheduleInput {
  policyId: string;
  version: number;
  /** The stored name, used when the server does not name the file. */
  filename: string;
}

/** The PDF needs the bearer token, so it comes as a blob through the API client. */
export async function downloadPolicySchedule({ policyId, version, filename }: DownloadScheduleInput): Promise<void> {
  const file = await api.download(`/policies/${policyId}/schedules/${version}/pdf`);
  saveFile(file.blob, file.filename ?? filename);
}

export function useDownloadPolicySchedule() {
  return useMutation({ mutationFn: downloadPolicySchedule, onError: (error) => notifyProblem(error, 'Could not download the policy schedule') });
}

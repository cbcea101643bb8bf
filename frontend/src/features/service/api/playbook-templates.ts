import { PlaybookTemplate, type UpdatePlaybookTemplateBody } from '@contracts/service';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { serviceKeys } from './service-keys';

const Templates = z.object({ items: z.array(PlaybookTemplate) });

export function usePlaybookTemplates() {
  return useQuery({ queryKey: serviceKeys.playbookTemplates(), queryFn: ({ signal }) => api.get('/service/playbook-templates', Templates, { signal }) });
}

export function useUpdatePlaybookTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: UpdatePlaybookTemplateBody }) =>
      api.put(`/service/playbook-templates/${id}`, body, PlaybookTemplate, { ifMatch: etag(version) }),
    onSettled: () => client.invalidateQueries({ queryKey: serviceKeys.playbookTemplates() }),
  });
}

import type { MyWorkTask } from '@contracts/service';
import type { z } from 'zod';
import { Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmWithReasonDialog, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { ApiError } from '@/lib/api-error';
import { notifyProblem, notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useCompleteTask } from '../api/complete-task';

type TaskOnQueue = z.infer<typeof MyWorkTask>['task'];

/** Mark a task done, saying how it ended. */
export function CompleteTaskDialog({ task, onClose }: { task: TaskOnQueue | null; onClose: () => void }) {
  const [outcome, setOutcome] = useState('');
  const mutation = useCompleteTask();
  const close = () => {
    setOutcome('');
    onClose();
  };
  const confirm = () => {
    if (!task || outcome.trim().length < 2) return;
    mutation.mutate(
      { id: task.id, version: task.version, outcome: outcome.trim() },
      {
        onSuccess: () => {
          notifySuccess('Task done', task.title);
          close();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            notifyVersionConflict();
            close();
          } else notifyProblem(error, 'The task could not be completed');
        },
      },
    );
  };
  return (
    <ConfirmWithReasonDialog
      opened={task !== null}
      onClose={close}
      title="Mark done"
      formLabel="Mark task done"
      confirmLabel="Done"
      loading={mutation.isPending}
      confirmDisabled={outcome.trim().length < 2}
      onConfirm={confirm}
    >
      <Text size="sm">{task?.title}</Text>
      <ReasonField label="Outcome" value={outcome} onChange={setOutcome} maxLength={2000} data-autofocus />
    </ConfirmWithReasonDialog>
  );
}

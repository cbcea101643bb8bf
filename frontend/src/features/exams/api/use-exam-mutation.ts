import type { Exam } from '@contracts/orders';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { orderKeys } from '@/features/orders';
import { examKeys } from './exam-keys';

export type ExamCallbacks<I> = Pick<UseMutationOptions<Exam, Error, I>, 'onSuccess' | 'onError'>;

/** One exam step: its order (which lists the exams) and the worklist refetch, whatever the answer (a 409/412 means the screen was stale). */
export function useExamMutation<I extends { exam: Pick<Exam, 'id' | 'orderId'> }>(mutationFn: (input: I) => Promise<Exam>, callbacks: ExamCallbacks<I> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    ...callbacks,
    onSettled: (_exam, _error, { exam }) =>
      Promise.all([queryClient.invalidateQueries({ queryKey: orderKeys.detail(exam.orderId) }), queryClient.invalidateQueries({ queryKey: examKeys.lists() })]),
  });
}

export const approvalLimitKeys = {
  all: ['approval-limits'] as const,
  set: () => [...approvalLimitKeys.all, 'set'] as const,
};

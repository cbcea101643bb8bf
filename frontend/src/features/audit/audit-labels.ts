// Readable names for what the audit trail records. Modules that start auditing new actions or
// record types add them here; anything unknown is shown as recorded.

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'user.create': 'User created',
  'user.update': 'User changed',
  'user.reset_password': 'Password reset by an administrator',
  'branch.create': 'Branch opened',
  'branch.update': 'Branch changed',
  'approval_limits.replace': 'Approval limits changed',
  'auth.login': 'Logged in',
  'auth.logout': 'Logged out',
  'auth.lockout': 'Account locked',
  'auth.password_change': 'Password changed',
  'auth.refresh_reuse': 'Reused session token',
  'auth.permission_denied': 'Permission denied',
  'audit.export': 'Audit trail exported',
  'customer.create': 'Customer created',
  'customer.update': 'Customer changed',
  'customer.status_change': 'Customer status changed',
  'customer.kyc_status_change': 'KYC status changed',
  'customer.merge': 'Duplicate merged into this customer',
  'customer.merged_into': 'Customer merged into another record',
  'customer.sensitive_read': 'Personal data viewed',
  'kyc.submit': 'KYC document recorded',
  'kyc.verify': 'KYC document verified',
  'kyc.reject': 'KYC document rejected',
  'product.create': 'Product created',
  'product.draft_version': 'New draft version started',
  'product.edit_draft': 'Draft version saved',
  'product.publish': 'Version published',
  'product.retire': 'Product retired',
  'order.create': 'Application started',
  'order.update': 'Application changed',
  'order.submit': 'Application submitted',
  'order.withdraw': 'Application withdrawn',
  'order.start_review': 'Review started',
  'order.request_info': 'Information requested',
  'order.approve': 'Application approved',
  'order.decline': 'Application declined',
  'policy.issue': 'Policy issued',
  'document.upload': 'Document uploaded',
  'document.verify': 'Document verified',
  'document.reject': 'Document rejected',
  'exam.order': 'Exam ordered',
  'exam.schedule': 'Exam booked',
  'exam.complete': 'Exam done',
  'exam.record_results': 'Exam results recorded',
  'exam.cancel': 'Exam cancelled',
  'exam.waive': 'Exam waived',
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: 'User',
  branch: 'Branch',
  approval_limits: 'Approval limits',
  customer: 'Customer',
  product: 'Product',
  order: 'Application',
  policy: 'Policy',
  document: 'Document',
  exam: 'Medical exam',
};

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

export function entityLabel(entityType: string): string {
  return AUDIT_ENTITY_LABELS[entityType] ?? entityType;
}

/** Select options, with a value from the URL that is not (yet) in the list kept selectable. */
export function labelOptions(labels: Record<string, string>, current?: string): { value: string; label: string }[] {
  const options = Object.entries(labels).map(([value, label]) => ({ value, label }));
  return current && !(current in labels) ? [...options, { value: current, label: current }] : options;
}

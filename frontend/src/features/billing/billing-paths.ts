/** The approvers' list of refunds waiting for a decision. */
export const REFUNDS_TO_APPROVE_PATH = '/refunds/approvals';

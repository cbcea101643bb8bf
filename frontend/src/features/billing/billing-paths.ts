/** The approvers' list of refunds waiting for a decision. */
export const REFUNDS_TO_APPROVE_PATH = '/refunds/approvals';
// Where billing's screens are, and the records they link to. The policy and customer addresses are
// written here rather than imported: those features show billing's panels, so importing them back
// would make a cycle.
export const OVERDUE_PATH = '/billing/overdue';
export const policyPagePath = (policyId: string) => `/policies/${policyId}`;
export const customerPagePath = (customerId: string) => `/customers/${customerId}`;

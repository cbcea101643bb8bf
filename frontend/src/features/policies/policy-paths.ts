export const POLICIES_PATH = '/policies';
export const policyPath = (id: string) => `/policies/${id}`;

export const POLICIES_PATH = '/policies';
export const policyPath = (id: string) => `/policies/${id}`;
/** The grace and lapse worklists (`?list=grace|lapsed|review`). */
export const STANDING_PATH = '/policies/standing';

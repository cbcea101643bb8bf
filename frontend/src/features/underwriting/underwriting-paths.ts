export const UNDERWRITING_PATH = '/underwriting';

export const EXAMS_PATH = '/exams';

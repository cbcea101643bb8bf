/** The user's own queue: tasks, cases, claims and requests for information. */
export const MY_WORK_PATH = '/my-work';
/** A case's workspace. */
export const casePath = (id: string) => `/cases/${id}`;
/** Agent performance over a period (agents their own row; senior agents and managers their branches). */
export const SERVICE_PERFORMANCE_PATH = '/service-performance';

/** A case's workspace. */
export const casePath = (id: string) => `/cases/${id}`;

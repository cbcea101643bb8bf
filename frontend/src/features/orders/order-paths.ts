/** The applications list and one application's page. */
export const ORDERS_PATH = '/orders';
export const orderPath = (id: string) => `/orders/${id}`;
/** The agent's work list, filtered to what waits for them. */
export const ORDERS_WAITING_PATH = '/orders?status=info_requested';

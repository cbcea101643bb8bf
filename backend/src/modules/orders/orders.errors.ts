// The orders module's own problem codes (OrdersErrorCode, declared in its contract).
import type { OrdersErrorCode } from '../../contracts/orders';
import { ConflictError, type ProblemExtras } from '../../platform/errors';

/** 409 with one of the orders module's codes (state, completeness, eligibility, expiry). */
export const ordersConflict = (code: OrdersErrorCode, detail: string, extras?: ProblemExtras) => new ConflictError(code, detail, extras);

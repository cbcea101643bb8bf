// The products module's own problem codes (ProductsErrorCode, declared in its contract).
import type { FieldError } from '../../contracts/common';
import type { ProductsErrorCode } from '../../contracts/products';
import { ConflictError, ValidationError, type ProblemExtras } from '../../platform/errors';

/** 409 with one of the products module's codes (catalog state, quote eligibility). */
export const productsConflict = (code: ProductsErrorCode, detail: string, extras?: ProblemExtras) => new ConflictError(code, detail, extras);

/** 400 VERSION_INVALID: every problem that stops a draft from being published. */
export const versionInvalid = (problems: FieldError[]) => new ValidationError(problems, 'The version cannot be published yet.', 'VERSION_INVALID' satisfies ProductsErrorCode);

import { ChangePasswordBody } from '@contracts/identity';
import { z } from 'zod';

/** The API's own body schema plus a confirmation field that exists only in the form. */
export const ChangePasswordFormValues = ChangePasswordBody.extend({ confirmPassword: z.string() }).refine((values) => values.confirmPassword === values.newPassword, {
  path: ['confirmPassword'],
  message: 'The two new passwords do not match',
});
export type ChangePasswordFormValues = z.infer<typeof ChangePasswordFormValues>;

// The customer portal's API under /api/portal: registration and sign-in (public, rate limited in
// PostgreSQL), and the customer's own records (access 'customer': a portal token only).
import cookieParser from 'cookie-parser';
import type { CookieOptions, Request, Response } from 'express';
import { z } from 'zod';
import {
  PortalCustomer,
  PortalDocumentList,
  PortalHome,
  PortalIdParams,
  PortalInvoice,
  PortalInvoiceList,
  PortalLoginBody,
  PortalPaymentList,
  PortalPaymentResult,
  PortalPolicy,
  PortalPolicyList,
  PortalRegistrationCompleteBody,
  PortalRegistrationStartBody,
  PortalRegistrationStarted,
  PortalRegistrationVerified,
  PortalRegistrationVerifyBody,
  PortalTokenResponse,
  type PortalErrorCode,
} from '../../contracts/portal';
import { sendIdempotent } from '../../platform/idempotency';
import type { ModuleContext } from '../../platform/module';
import { PostgresRateLimitStore, perIpLimit } from '../../platform/rate-limit';
import type { IssuedPortalSession, PortalAuthService } from './portal-auth.service';
import type { PortalService } from './portal.service';
import type { RegistrationService } from './registration.service';

export const PORTAL_REFRESH_COOKIE = 'pd_portal_refresh';
const PORTAL_REFRESH_COOKIE_PATH = '/api/portal/auth';
const TAGS = ['Portal'];
const PDF = z.string().meta({ format: 'binary' });

export function registerPortalRoutes(
  { api, config, db }: ModuleContext<never>,
  { auth, registration, portal }: { auth: PortalAuthService; registration: RegistrationService; portal: PortalService },
) {
  const cookies = cookieParser();
  const production = config.appEnv === 'production';
  const cookieOptions = (req: Request, expires?: Date): CookieOptions => ({
    httpOnly: true,
    sameSite: 'strict',
    secure: production || req.secure,
    path: PORTAL_REFRESH_COOKIE_PATH,
    ...(expires ? { expires } : {}),
  });
  const sendSession = (req: Request, res: Response, session: IssuedPortalSession, status = 200) => {
    res.cookie(PORTAL_REFRESH_COOKIE, session.refreshToken, cookieOptions(req, session.expiresAt));
    res.status(status).json(session.response);
  };
  // Limits counted in PostgreSQL (rate_limit_hits), so they hold whichever instance answers.
  const registrationLimit =
    config.portalRegistrationLimitPerMinute > 0
      ? [
          perIpLimit(config.portalRegistrationLimitPerMinute, 'PORTAL_REGISTRATION_RATE_LIMITED' satisfies PortalErrorCode, {
            store: new PostgresRateLimitStore(db, 'portal-registration'),
          }),
        ]
      : [];
  const loginLimit =
    config.loginRateLimitPerMinute > 0
      ? [perIpLimit(config.loginRateLimitPerMinute, 'PORTAL_LOGIN_RATE_LIMITED' satisfies PortalErrorCode, { store: new PostgresRateLimitStore(db, 'portal-login') })]
      : [];
  const unavailable = { 503: { description: 'The database is unavailable (SERVICE_UNAVAILABLE)' } };

  // --- Registration
  api.route({
    method: 'post',
    path: '/portal/registration',
    summary: 'Start registering: policy number and date of birth',
    description:
      'Always answers 202 with a registration id, whether or not the details match a policy (no enumeration); when they match, a 6-digit code goes to the email (else the phone) on file through the outbox. Rate limited per client address and per policy number (429 PORTAL_REGISTRATION_RATE_LIMITED).',
    tags: TAGS,
    access: 'public',
    before: registrationLimit,
    request: { body: PortalRegistrationStartBody },
    responses: { 202: { description: 'Registration started (a code was sent if the details matched)', schema: PortalRegistrationStarted }, ...unavailable },
    handler: async ({ body }, _req, res) => res.status(202).json(await registration.start(body)),
  });

  api.route({
    method: 'post',
    path: '/portal/registration/verify',
    summary: 'Enter the one-time code',
    description: 'A wrong, expired or already used code — or an unknown registration — answers the same 400 PORTAL_REGISTRATION_INVALID. Five wrong codes end the registration.',
    tags: TAGS,
    access: 'public',
    before: registrationLimit,
    request: { body: PortalRegistrationVerifyBody },
    responses: { 200: { description: 'Code accepted; the password may be set now', schema: PortalRegistrationVerified }, ...unavailable },
    handler: async ({ body }, _req, res) => res.json(await registration.verify(body.registrationId, body.code)),
  });

  api.route({
    method: 'post',
    path: '/portal/registration/complete',
    summary: 'Set the password (staff rules) and sign in',
    description: 'Within 15 minutes of the code. Answers the portal tokens (refresh token as a cookie scoped to /api/portal/auth).',
    tags: TAGS,
    access: 'public',
    before: registrationLimit,
    request: { body: PortalRegistrationCompleteBody },
    responses: {
      201: { description: 'Account made and signed in', schema: PortalTokenResponse },
      409: { description: 'PORTAL_ACCOUNT_EXISTS' },
      ...unavailable,
    },
    handler: async ({ body }, req, res) => sendSession(req, res, await registration.complete(body.registrationId, body.password), 201),
  });

  // --- Sign-in
  api.route({
    method: 'post',
    path: '/portal/auth/login',
    summary: 'Customer login (email or customer number, and password)',
    description:
      'Unknown username, wrong password, a locked or closed account: the same 401 PORTAL_INVALID_CREDENTIALS. Ten wrong passwords in a row lock the account for 30 minutes.',
    tags: TAGS,
    access: 'public',
    before: loginLimit,
    request: { body: PortalLoginBody },
    responses: { 200: { description: 'Logged in', schema: PortalTokenResponse }, 401: { description: 'PORTAL_INVALID_CREDENTIALS' }, ...unavailable },
    handler: async ({ body }, req, res) => sendSession(req, res, await auth.login(body.username, body.password)),
  });

  api.route({
    method: 'post',
    path: '/portal/auth/refresh',
    summary: 'Exchange the portal refresh cookie for new tokens (rotation; a reused token ends the session)',
    tags: TAGS,
    access: 'public',
    before: [cookies],
    responses: { 200: { description: 'New tokens', schema: PortalTokenResponse }, 401: { description: 'No valid session' }, ...unavailable },
    handler: async (_input, req, res) => {
      try {
        sendSession(req, res, await auth.refresh(req.cookies?.[PORTAL_REFRESH_COOKIE]));
      } catch (err) {
        res.clearCookie(PORTAL_REFRESH_COOKIE, cookieOptions(req));
        throw err;
      }
    },
  });

  api.route({
    method: 'post',
    path: '/portal/auth/logout',
    summary: 'End the portal session',
    tags: TAGS,
    access: 'public',
    before: [cookies],
    responses: { 204: { description: 'Logged out' }, ...unavailable },
    handler: async (_input, req, res) => {
      await auth.logout(req.cookies?.[PORTAL_REFRESH_COOKIE], req.customer);
      res.clearCookie(PORTAL_REFRESH_COOKIE, cookieOptions(req));
      res.status(204).end();
    },
  });

  // --- The customer's own records
  api.route({
    method: 'get',
    path: '/portal/me',
    summary: 'The signed-in customer',
    tags: TAGS,
    access: 'customer',
    responses: { 200: { description: 'The customer', schema: PortalCustomer } },
    handler: async ({ customer }, _req, res) => res.json(await auth.me(customer)),
  });

  api.route({
    method: 'get',
    path: '/portal/home',
    summary: 'Home: policies, the next invoice, open claims and open requests',
    tags: TAGS,
    access: 'customer',
    responses: { 200: { description: 'Home', schema: PortalHome } },
    handler: async ({ customer }, _req, res) => res.json(await portal.home(customer)),
  });

  api.route({
    method: 'get',
    path: '/portal/policies',
    summary: 'My policies',
    tags: TAGS,
    access: 'customer',
    responses: { 200: { description: 'Policies', schema: PortalPolicyList } },
    handler: async ({ customer }, _req, res) => res.json({ items: await portal.policies(customer) }),
  });

  api.route({
    method: 'get',
    path: '/portal/policies/:id',
    summary: 'One of my policies, with the terms in force today and its schedule',
    tags: TAGS,
    access: 'customer',
    request: { params: PortalIdParams },
    responses: { 200: { description: 'Policy', schema: PortalPolicy } },
    handler: async ({ customer, params }, _req, res) => res.json(await portal.policy(customer, params.id)),
  });

  const sendFile = async (res: Response, file: { meta: { contentType: string; filename: string }; path: string }) => {
    res.setHeader('Content-Type', file.meta.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.meta.filename}"`);
    await new Promise<void>((resolve, reject) => res.sendFile(file.path, { headers: { 'Cache-Control': 'no-store' } }, (err) => (err ? reject(err) : resolve())));
  };

  api.route({
    method: 'get',
    path: '/portal/policies/:id/schedule',
    summary: "Download the policy's current schedule (PDF)",
    tags: TAGS,
    access: 'customer',
    request: { params: PortalIdParams },
    responses: { 200: { description: 'The schedule', contentType: 'application/pdf', schema: PDF } },
    handler: async ({ customer, params }, _req, res) => sendFile(res, await portal.schedule(customer, params.id)),
  });

  api.route({
    method: 'get',
    path: '/portal/documents',
    summary: "My policies' documents",
    tags: TAGS,
    access: 'customer',
    responses: { 200: { description: 'Documents', schema: PortalDocumentList } },
    handler: async ({ customer }, _req, res) => res.json({ items: await portal.documentsList(customer) }),
  });

  api.route({
    method: 'get',
    path: '/portal/documents/:id/content',
    summary: 'Download one of my documents',
    tags: TAGS,
    access: 'customer',
    request: { params: PortalIdParams },
    responses: { 200: { description: 'The file', contentType: ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'], schema: PDF } },
    handler: async ({ customer, params }, _req, res) => sendFile(res, await portal.document(customer, params.id)),
  });

  api.route({
    method: 'get',
    path: '/portal/invoices',
    summary: 'My invoices (newest due first)',
    tags: TAGS,
    access: 'customer',
    responses: { 200: { description: 'Invoices', schema: PortalInvoiceList } },
    handler: async ({ customer }, _req, res) => res.json({ items: await portal.invoices(customer) }),
  });

  api.route({
    method: 'get',
    path: '/portal/invoices/:id',
    summary: 'One of my invoices',
    tags: TAGS,
    access: 'customer',
    request: { params: PortalIdParams },
    responses: { 200: { description: 'Invoice', schema: PortalInvoice } },
    handler: async ({ customer, params }, _req, res) => res.json(await portal.invoice(customer, params.id)),
  });

  api.route({
    method: 'post',
    path: '/portal/invoices/:id/payments',
    summary: 'Pay one of my open invoices by the card on file',
    description:
      'Charges the open amount through the payment gateway (the sandbox in local mode). Send one Idempotency-Key per attempt and reuse it on a retry or a double tap: one payment, replayed. A declined card is a 201 with status `failed`.',
    tags: TAGS,
    access: 'customer',
    idempotent: 'portal.invoice-payments.create',
    request: { params: PortalIdParams },
    responses: {
      201: { description: 'The payment (succeeded, or failed with why)', schema: PortalPaymentResult },
      409: { description: 'PAYMENT_INVOICE_NOT_OPEN (nothing left to pay), or IDEMPOTENCY_KEY_IN_FLIGHT' },
      502: { description: 'The payment gateway failed (PAYMENT_GATEWAY_ERROR)' },
      503: { description: 'PAYMENT_GATEWAY_UNAVAILABLE, or the database is unavailable' },
    },
    handler: async ({ customer, params, idempotency }, _req, res) => sendIdempotent(res, await portal.payInvoice(customer, idempotency, params.id)),
  });

  api.route({
    method: 'get',
    path: '/portal/payments',
    summary: 'My payments',
    tags: TAGS,
    access: 'customer',
    responses: { 200: { description: 'Payments', schema: PortalPaymentList } },
    handler: async ({ customer }, _req, res) => res.json({ items: await portal.payments(customer) }),
  });
}

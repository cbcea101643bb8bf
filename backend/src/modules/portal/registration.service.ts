// Registration proves who the customer is: a policy number with the holder's date of birth, then a
// one-time code sent through the notifications outbox to the email (else the phone) on file, then a
// password with staff's rules. The first answer is the same whether or not anything matched; codes
// are 6 digits, kept only as a hash, valid 15 minutes, used once, 5 wrong tries end the attempt.
import crypto from 'node:crypto';
import type { Options } from 'express-rate-limit';
import type { PortalRegistrationStartBody, PortalRegistrationStarted } from '../../contracts/portal';
import { withTransaction, type Db } from '../../db';
import type { Clock } from '../../platform/clock';
import { ConflictError, TooManyRequestsError, ValidationError } from '../../platform/errors';
import { PostgresRateLimitStore } from '../../platform/rate-limit';
import { currentRequestContext } from '../../platform/request-context';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import { hashPassword, newPasswordProblems } from '../identity/passwords';
import type { NotificationService } from '../notifications/notifications.service';
import type { PolicyFacts } from '../policies/policy-facts';
import { asAuditActor, type IssuedPortalSession, type PortalAuthService } from './portal-auth.service';
import * as repo from './portal.repository';

export const CODE_TTL_MINUTES = 15;
/** After the code is verified, the password must be set within this time. */
export const PASSWORD_STEP_MINUTES = 15;
export const MAX_CODE_ATTEMPTS = 5;
export const REGISTRATION_TEMPLATE = 'portal-registration-code';

const STARTED_MESSAGE = 'If these details match a policy, we have sent a 6-digit code to the email address or phone number we have on file. Enter it to continue.';

const codeHash = (registrationId: string, code: string) => crypto.createHash('sha256').update(`${registrationId}:${code}`).digest();

const invalidCode = () =>
  new ValidationError(
    [{ path: 'code', message: 'This code is not right or no longer valid. Check the message, or start again for a new code.' }],
    'The code is not right or no longer valid.',
    'PORTAL_REGISTRATION_INVALID',
  );
const invalidRegistration = () =>
  new ValidationError(
    [{ path: 'registrationId', message: 'This registration is not verified or has expired. Start again.' }],
    'The registration is not verified or has expired.',
    'PORTAL_REGISTRATION_INVALID',
  );

export interface RegistrationLimits {
  perPolicyPerHour: number;
}

export class RegistrationService {
  private readonly perPolicy: PostgresRateLimitStore;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly policyFacts: PolicyFacts,
    private readonly profiles: CustomerProfiles,
    private readonly auth: PortalAuthService,
    private readonly passwordHashCost: number,
    private readonly limits: RegistrationLimits,
  ) {
    // Counted in PostgreSQL (rate_limit_hits), so the limit holds across instances.
    this.perPolicy = new PostgresRateLimitStore(db, 'portal-registration-policy');
    this.perPolicy.init({ windowMs: 60 * 60_000 } as Options);
  }

  /** Step 1. Always the same answer (a registration id); a code goes out only when everything matched. */
  async start(input: PortalRegistrationStartBody): Promise<PortalRegistrationStarted> {
    const policyNumber = input.policyNumber.trim().toUpperCase();
    if (this.limits.perPolicyPerHour > 0) {
      const { totalHits, resetTime } = await this.perPolicy.increment(policyNumber);
      if (totalHits > this.limits.perPolicyPerHour) {
        const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 3600;
        throw new TooManyRequestsError(seconds, 'PORTAL_REGISTRATION_RATE_LIMITED');
      }
    }
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + CODE_TTL_MINUTES * 60_000);
    const holder = await this.policyFacts.holderByNumberAndBirthDate(this.db, policyNumber, input.dateOfBirth);
    const contact = holder ? await this.profiles.contactOf(this.db, holder.customerId) : undefined;
    const channel = contact?.email ? 'email' : contact?.phone ? 'sms' : null;
    const matched = !!holder && !!contact && !!channel;
    const id = crypto.randomUUID();
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');

    await withTransaction(this.db, async (trx) => {
      await repo.insertRegistration(trx, {
        id,
        policy_number: policyNumber,
        customer_id: matched ? holder!.customerId : null,
        code_hash: matched ? codeHash(id, code) : null,
        channel: matched ? channel! : null,
        expires_at: expiresAt,
        created_at: now,
        ip: currentRequestContext()?.ip ?? null,
      } as repo.RegistrationRow);
      if (matched) {
        await this.notifications.enqueue(trx, {
          channel: channel!,
          template: REGISTRATION_TEMPLATE,
          customerId: holder!.customerId,
          data: { customerName: contact!.name, code, minutes: CODE_TTL_MINUTES },
          idempotencyKey: `portal-registration:${id}`,
          purpose: 'service',
        });
      }
      await this.audit.record(trx, {
        action: 'portal.registration_start',
        outcome: matched ? 'success' : 'failure',
        entity: matched ? { type: 'customer', id: holder!.customerId } : undefined,
        branchId: matched ? holder!.branchId : null,
        metadata: { registrationId: id, policyNumber, ...(matched ? { channel } : { reason: holder ? 'no_contact_on_file' : 'no_match' }) },
      });
    });
    return { registrationId: id, expiresAt: expiresAt.toISOString(), message: STARTED_MESSAGE };
  }

  /** The username the account will have: the email on file unless another account has it, else the customer number. */
  private async usernameFor(customerId: string): Promise<string> {
    const contact = await this.profiles.contactOf(this.db, customerId);
    const header = await this.profiles.header(this.db, customerId);
    const email = contact?.email?.toLowerCase();
    if (email) {
      const taken = await repo.findAccountByUsername(this.db, email);
      if (!taken || taken.customer_id === customerId) return email;
    }
    return header!.customerNumber;
  }

  /** Step 2. The code, once, within its time, fewer than 5 wrong tries; anything else is the same 400. */
  async verify(registrationId: string, code: string): Promise<{ registrationId: string; username: string }> {
    const now = this.clock.now();
    const outcome = await withTransaction(this.db, async (trx) => {
      const row = await repo.lockRegistration(trx, registrationId);
      if (!row || !row.code_hash || !row.customer_id || row.verified_at || row.expires_at <= now || row.failed_attempts >= MAX_CODE_ATTEMPTS) {
        return { ok: false as const };
      }
      const given = codeHash(row.id, code);
      if (!crypto.timingSafeEqual(given, row.code_hash)) {
        await repo.countFailedCode(trx, row.id);
        await this.audit.record(trx, {
          action: 'portal.registration_verify',
          outcome: 'failure',
          entity: { type: 'customer', id: row.customer_id },
          metadata: { registrationId: row.id, reason: 'wrong_code', attempt: row.failed_attempts + 1 },
        });
        return { ok: false as const };
      }
      await repo.markVerified(trx, row.id, now);
      await this.audit.record(trx, {
        action: 'portal.registration_verify',
        entity: { type: 'customer', id: row.customer_id },
        metadata: { registrationId: row.id },
      });
      return { ok: true as const, customerId: row.customer_id };
    });
    // Returned, not thrown, so the counted wrong try commits.
    if (!outcome.ok) throw invalidCode();
    return { registrationId, username: await this.usernameFor(outcome.customerId) };
  }

  /** Step 3. The password (staff's rules); the account is made and signed in. */
  async complete(registrationId: string, password: string): Promise<IssuedPortalSession> {
    const now = this.clock.now();
    const row = await repo.findRegistration(this.db, registrationId);
    const live = (r: repo.RegistrationRow | undefined): r is repo.RegistrationRow & { customer_id: string; verified_at: Date } =>
      !!r && !!r.customer_id && !!r.verified_at && !r.completed_at && r.verified_at.getTime() + PASSWORD_STEP_MINUTES * 60_000 > now.getTime();
    if (!live(row)) throw invalidRegistration();
    const contact = await this.profiles.contactOf(this.db, row.customer_id);
    const problems = newPasswordProblems(password, { email: contact?.email ?? undefined, name: contact?.name });
    if (problems.length)
      throw new ValidationError(
        problems.map((message) => ({ path: 'password', message })),
        'The password is not acceptable.',
        'PORTAL_PASSWORD_REJECTED',
      );
    if (await repo.findAccountOfCustomer(this.db, row.customer_id)) throw this.accountExists();
    const username = await this.usernameFor(row.customer_id);
    const hash = await hashPassword(password, this.passwordHashCost);
    return withTransaction(this.db, async (trx) => {
      const locked = await repo.lockRegistration(trx, registrationId);
      if (!live(locked) || !(await repo.markCompleted(trx, registrationId, now))) throw invalidRegistration();
      if (await repo.findAccountOfCustomer(trx, locked.customer_id)) throw this.accountExists();
      const account = await repo.insertAccount(trx, { customer_id: locked.customer_id, username, password_hash: hash, created_at: now, updated_at: now });
      const customer = await this.auth.customerOf(account);
      const { session, sessionId } = await this.auth.startSession(trx, account, customer, now);
      await this.audit.record(trx, {
        actor: asAuditActor(account.id),
        action: 'portal.register',
        entity: { type: 'customer', id: locked.customer_id },
        branchId: customer.branchId,
        after: { username, passwordHash: 'set' },
        metadata: { registrationId, sessionId },
      });
      return session;
    });
  }

  private accountExists() {
    return new ConflictError('PORTAL_ACCOUNT_EXISTS', 'You already have a portal account: log in, or ask us to reset your password.');
  }
}

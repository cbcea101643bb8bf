// The only reader of process.env. Every variable is parsed with zod at start; a missing or bad value
// stops the process with one message naming each offending variable.
import path from 'node:path';
import net from 'node:net';
import { z } from 'zod';
import { ROLES, type Role } from './contracts/auth';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' }).transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\/.+/.test(v), 'expected a postgres:// or postgresql:// URL');

/** Base64 of at least 32 random bytes. */
const secretKey = z.string().refine((v) => Buffer.from(v, 'base64').length >= 32, 'expected base64 of at least 32 bytes');

/** `<keyId>:<base64 of exactly 32 bytes>` — AES-256 key with the id stored beside each ciphertext. */
const fieldKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/=]+$/, 'expected <keyId>:<base64 key>')
  .refine((v) => Buffer.from(v.split(':')[1] ?? '', 'base64').length === 32, 'the key must be 32 bytes (AES-256)');

const EnvSchema = z.object({
  APP_ENV: z.enum(['local', 'production']).default('local'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  /** Comma-separated laboratories medical exams can be ordered from. */
  LAB_PARTNERS: z.string().min(1).default('Quest Diagnostics,Labcorp,ExamOne,APPS Paramedical'),
  /** Where uploaded documents are kept (default DATA_DIR/documents). */
  DOCUMENTS_DIR: z.string().min(1).optional(),
  /** The runtime role: every request, job and seed. Neither superuser nor owner of any table. */
  DATABASE_URL: postgresUrl.optional(),
  /** The owner role: migrations, the job tables, grants to the runtime role. Unset: DATABASE_URL (local mode warns). */
  MIGRATION_DATABASE_URL: postgresUrl.optional(),
  /** A streaming replica (the runtime role's credentials) for read-only work: search, 360° history, dashboards, reports, exports. */
  DATABASE_REPLICA_URL: postgresUrl.optional(),
  /** A replica further behind the primary than this (ms) is skipped. */
  DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(5_000),
  /** After a user's write, how long that user's next read waits for the replica to replay it before it goes to the primary (ms). */
  DATABASE_REPLICA_READ_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_SIGNING_KEY: secretKey.optional(),
  FIELD_ENCRYPTION_KEY: fieldKey.optional(),
  /** Comma-separated older `<keyId>:<base64>` keys still able to decrypt (key rotation). */
  FIELD_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .refine((v) => v.split(',').every((k) => fieldKey.safeParse(k.trim()).success), 'expected comma-separated <keyId>:<base64 32-byte key> entries')
    .optional(),
  BLIND_INDEX_KEY: secretKey.optional(),
  BUSINESS_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'expected an IANA time zone such as Europe/London')
    .default('UTC'),
  TRUST_PROXY: bool.default(false),
  /** Collect Prometheus metrics and serve GET /metrics (false: neither; the metrics benchmark's baseline). */
  METRICS_ENABLED: bool.default(true),
  /** The bearer token GET /metrics requires (Prometheus's `authorization` credentials). Unset: /metrics refuses every scrape (403 METRICS_NOT_CONFIGURED). */
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{24,256}$/, 'expected 24 to 256 printable characters without spaces')
    .optional(),
  /** Comma-separated addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For is believed (overrides TRUST_PROXY). */
  TRUSTED_PROXIES: z
    .string()
    .refine((v) => splitList(v).every(isAddressOrCidr), 'expected comma-separated IP addresses or CIDR ranges, e.g. 10.0.0.5,10.1.0.0/16')
    .optional(),
  /** Networks each role may use the API from: `admin=10.0.0.0/8,192.168.1.0/24;manager=10.0.0.0/8`. A role not listed: anywhere. */
  ALLOWED_NETWORKS: z
    .string()
    .refine((v) => parseAllowedNetworks(v) !== undefined, 'expected role=cidr,cidr;role=cidr with known roles and valid CIDR ranges')
    .optional(),
  /** `required`: staff must enrol TOTP before using the console; `offered`: they may. Default: required in production, offered in local mode. */
  MFA_MODE: z.enum(['required', 'offered']).optional(),
  /** Comma-separated roles exempt from required MFA (never admin or manager). */
  MFA_EXEMPT_ROLES: z
    .string()
    .refine((v) => splitList(v).every((r) => (ROLES as readonly string[]).includes(r)), `expected comma-separated roles among ${ROLES.join(', ')}`)
    .refine((v) => !splitList(v).some((r) => r === 'admin' || r === 'manager'), 'admin and manager can never be exempt from MFA')
    .optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  JOBS_ENABLED: bool.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(10_000),
  PASSWORD_HASH_COST: z.coerce.number().int().min(4).max(15).default(12),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(20),
  PORTAL_REGISTRATION_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(10),
  PORTAL_REGISTRATION_LIMIT_PER_POLICY_PER_HOUR: z.coerce.number().int().min(0).default(5),
  KYC_VALIDITY_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
  INVOICE_LEAD_DAYS: z.coerce.number().int().min(0).max(90).default(14),
  /** The monthly close refuses while a reconciliation line dated in the month is unexplained with more than this (minor units) at stake. */
  RECONCILIATION_CLOSE_THRESHOLD: z.coerce.number().int().min(0).max(1_000_000_00).default(0),
  /** The insurer's name printed on policy schedules. */
  INSURER_NAME: z.string().trim().min(1).max(120).default('Policydesk Insurance Company'),
  /** A renewal the product version lets renew by itself does so only when the premium rises by less than this percent. */
  RENEWAL_AUTO_MAX_INCREASE_PERCENT: z.coerce.number().min(0).max(100).default(10),
  /** The most rows a list's CSV export holds (applications, policies, exams); past it the answer says it was cut. */
  EXPORT_ROW_CAP: z.coerce.number().int().min(1).max(100_000).default(10_000),
  BASE_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD')
    .default('USD'),
  /** SMTP server of outgoing email (smtp:// or smtps://, credentials in the URL). Unset in local mode: the embedded SMTP sink keeps every email. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'expected smtp://[user:password@]host[:port] or smtps://…')
    .optional(),
  /** Where customers reach the console (the links in messages sent to them, e.g. survey invitations); no trailing path. Required in production; local default http://localhost:PORT. */
  PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+\/?$/, 'expected http(s)://host[:port], e.g. https://service.example.com')
    .optional(),
  /** The From address of outgoing email. */
  NOTIFICATIONS_EMAIL_FROM: z.string().trim().min(3).max(200).default('Policydesk Insurance <no-reply@policydesk.local>'),
  /** The card payment gateway: the built-in sandbox (local mode only: production refuses card payments with it) or Stripe (needs STRIPE_SECRET_KEY). */
  PAYMENT_GATEWAY: z.enum(['sandbox', 'stripe']).default('sandbox'),
  /** Stripe's secret (sk_…) or restricted (rk_…) API key, for PAYMENT_GATEWAY=stripe. */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, 'expected a Stripe secret key (sk_test_…, sk_live_…, rk_…)')
    .optional(),
  /** Another Stripe API base than https://api.stripe.com, e.g. a local stand-in in tests; refused in production. */
  STRIPE_API_BASE: z
    .string()
    .regex(/^https?:\/\/[^/?#]+\/?$/, 'expected http(s)://host[:port]')
    .optional(),
  /** Comma-separated webhook signing secrets, all accepted (rotation); the first signs the sandbox's own webhooks. */
  PAYMENT_WEBHOOK_SECRETS: z
    .string()
    .refine((v) => v.split(',').every((s) => s.trim().length >= 16), 'expected comma-separated secrets of at least 16 characters')
    .optional(),
  /** Which phone providers' webhooks are answered (comma-separated `telnyx`, `twilio`; `none` for no telephony). Production needs each one's key. */
  VOICE_PROVIDERS: z
    .string()
    .regex(/^(none|(telnyx|twilio)(,(telnyx|twilio))*)$/, 'expected telnyx, twilio, telnyx,twilio or none')
    .default('telnyx,twilio'),
  /** How long an inbound call rings in the console (the screen pop) before it becomes a missed call with a callback task and a text. */
  VOICE_RING_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  /** Telnyx's public key for webhook signatures (Ed25519, base64 of the 32-byte key as the portal shows it). Local mode generates a key pair when unset. */
  TELNYX_PUBLIC_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'expected base64 of a 32-byte Ed25519 public key')
    .optional(),
  /** Twilio's auth token, the key of X-Twilio-Signature. Local mode generates one when unset. */
  TWILIO_AUTH_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]{16,128}$/, 'expected the account’s auth token (letters and digits)')
    .optional(),
});

export type Env = z.infer<typeof EnvSchema>;

function splitList(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `10.0.0.1`, `10.0.0.0/8`, `2001:db8::/32`. */
export function isAddressOrCidr(v: string): boolean {
  const [address, prefix, extra] = v.split('/');
  if (extra !== undefined || !address) return false;
  const family = net.isIP(address);
  if (!family) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** `admin=10.0.0.0/8,192.168.1.0/24;manager=10.0.0.0/8` → per role; undefined when malformed. */
export function parseAllowedNetworks(v: string): Partial<Record<Role, string[]>> | undefined {
  const result: Partial<Record<Role, string[]>> = {};
  for (const part of v
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [role, list, extra] = part.split('=');
    const trimmed = role?.trim() as Role;
    if (extra !== undefined || !(ROLES as readonly string[]).includes(trimmed) || list === undefined) return undefined;
    const cidrs = splitList(list);
    if (!cidrs.length || !cidrs.every(isAddressOrCidr)) return undefined;
    result[trimmed] = cidrs;
  }
  return result;
}

export interface Secrets {
  jwtSigningKey: string;
  fieldEncryptionKey: string;
  blindIndexKey: string;
}

export interface Config {
  appEnv: 'local' | 'production';
  isProduction: boolean;
  port: number;
  host: string;
  dataDir: string;
  /** Uploaded documents' files (content-addressed by SHA-256). */
  documentsDir: string;
  /** Laboratories medical exams are ordered from. */
  labPartners: string[];
  /** The runtime role's connection. Unset means: start the embedded PostgreSQL under DATA_DIR. */
  databaseUrl?: string;
  /** The owner role's connection (migrations, job tables, grants); unset: databaseUrl. */
  migrationDatabaseUrl?: string;
  dbPoolMax: number;
  /** The read replica, when configured (platform/read-router.ts). */
  replica?: { url: string; maxLagMs: number; readWaitMs: number };
  logLevel: Env['LOG_LEVEL'];
  /** Set in production from the environment; in local mode filled from DATA_DIR/secrets.json. */
  secrets: Partial<Secrets>;
  /** Older field encryption keys kept for decryption after a rotation. */
  previousFieldEncryptionKeys: string[];
  businessTimeZone: string;
  /** Express's `trust proxy`: false, true (any proxy; refused with ALLOWED_NETWORKS) or the trusted proxies' addresses/ranges. */
  trustProxy: boolean | string[];
  /** Networks (CIDR) each listed role may call the API from; a role not listed may call from anywhere. */
  allowedNetworks: Partial<Record<Role, string[]>>;
  /** TOTP: required before any work (`required`, outside local demo mode) or merely offered; roles exempt from the requirement. */
  mfa: { required: boolean; exemptRoles: Role[] };
  metricsEnabled: boolean;
  /** Bearer token of GET /metrics; unset: /metrics refuses. */
  metricsToken?: string;
  rateLimitPerMinute: number;
  jobsEnabled: boolean;
  shutdownTimeoutMs: number;
  /** bcrypt cost; 12 unless lowered for fast local tests (production refuses below 12). */
  passwordHashCost: number;
  /** Login attempts per minute per client IP; 0 disables. */
  loginRateLimitPerMinute: number;
  /** Portal registration attempts (start and code entry) per minute per client IP; 0 disables. */
  portalRegistrationLimitPerMinute: number;
  /** Portal registrations started per policy number per hour, whoever asks; 0 disables. */
  portalRegistrationLimitPerPolicyPerHour: number;
  /** A KYC verification lapses after this many months (or at the document's expiry, if sooner). */
  kycValidityMonths: number;
  /** An installment's invoice is raised this many days before it is due. */
  invoiceLeadDays: number;
  /** Payout reconciliation: unexplained lines above this many minor units keep a month from closing. */
  reconciliationCloseThreshold: number;
  exportRowCap: number;
  /** Currency of company-wide figures such as customer lifetime value. */
  baseCurrency: string;
  /** The insurer's name on policy schedules. */
  insurerName: string;
  /** Automatic renewal only below this premium rise, percent. */
  renewalAutoMaxIncreasePercent: number;
  /** Demo users and data are loaded in local mode only. */
  loadDemoData: boolean;
  /** Which PaymentGateway billing charges cards through. */
  paymentGateway: 'sandbox' | 'stripe';
  /** Outgoing email: the SMTP server (unset in local mode: the embedded sink) and the From address. */
  notifications: { smtpUrl: string | undefined; emailFrom: string };
  /** The console's address as customers reach it (no trailing slash): links in messages. */
  publicUrl: string;
  /** With PAYMENT_GATEWAY=stripe: the API key, and another API base than Stripe's (tests only). */
  stripe?: { secretKey: string; apiBase?: string };
  /** Secrets accepted on POST /api/webhooks/payments; the first signs the sandbox's webhooks. Empty in production when unset: every webhook is refused. */
  paymentWebhookSecrets: string[];
  /**
   * Inbound calls: the providers whose webhooks are answered and their verification keys. In
   * production each listed provider's key is required at start; local mode fills missing ones from
   * the keys it generates into DATA_DIR/secrets.json (so `npm run call:simulate` can sign).
   */
  voice: { providers: ('telnyx' | 'twilio')[]; telnyxPublicKey?: string; twilioAuthToken?: string; ringTimeoutSeconds: number };
}

/** Local mode's sandbox webhook secret when none is configured (no real money moves through the sandbox). */
export const LOCAL_SANDBOX_WEBHOOK_SECRET = 'whsec_policydesk_local_sandbox';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment. Throws ConfigError listing every bad variable by name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset: `PORT=` in a .env file means "use the default".
  const raw = Object.fromEntries(Object.keys(EnvSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const parsed = EnvSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        const value = raw[name];
        const shown = value === undefined || name.endsWith('_KEY') || name.endsWith('DATABASE_URL') ? '' : ` (got "${value}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  const isProduction = e.APP_ENV === 'production';
  if (e.MIGRATION_DATABASE_URL && !e.DATABASE_URL) throw new ConfigError(['MIGRATION_DATABASE_URL: set DATABASE_URL (the runtime role) too, or neither for the embedded database']);
  if (isProduction) {
    const missing = (['DATABASE_URL', 'MIGRATION_DATABASE_URL', 'JWT_SIGNING_KEY', 'FIELD_ENCRYPTION_KEY', 'BLIND_INDEX_KEY', 'PUBLIC_URL'] as const)
      .filter((name) => !e[name])
      .map((name) => `${name}: required when APP_ENV=production`);
    if (e.PASSWORD_HASH_COST < 12) missing.push('PASSWORD_HASH_COST: must be at least 12 when APP_ENV=production');
    if (e.PAYMENT_GATEWAY === 'stripe' && !e.PAYMENT_WEBHOOK_SECRETS)
      missing.push("PAYMENT_WEBHOOK_SECRETS: required when PAYMENT_GATEWAY=stripe and APP_ENV=production (Stripe's webhooks settle payments)");
    if (e.STRIPE_API_BASE) missing.push('STRIPE_API_BASE: not allowed when APP_ENV=production (the real Stripe API only)');
    const voiceProviders = e.VOICE_PROVIDERS.split(',');
    if (voiceProviders.includes('telnyx') && !e.TELNYX_PUBLIC_KEY)
      missing.push('TELNYX_PUBLIC_KEY: required when APP_ENV=production and VOICE_PROVIDERS names telnyx (webhook signatures)');
    if (voiceProviders.includes('twilio') && !e.TWILIO_AUTH_TOKEN)
      missing.push('TWILIO_AUTH_TOKEN: required when APP_ENV=production and VOICE_PROVIDERS names twilio (webhook signatures)');
    if (missing.length) throw new ConfigError(missing);
  }
  if (isProduction && e.MFA_MODE === 'offered') throw new ConfigError(['MFA_MODE: must be required when APP_ENV=production (exempt roles with MFA_EXEMPT_ROLES)']);
  const allowedNetworks = e.ALLOWED_NETWORKS ? parseAllowedNetworks(e.ALLOWED_NETWORKS)! : {};
  if (Object.keys(allowedNetworks).length && e.TRUST_PROXY && !e.TRUSTED_PROXIES)
    throw new ConfigError(['TRUST_PROXY: with ALLOWED_NETWORKS, list the proxies in TRUSTED_PROXIES instead (TRUST_PROXY=true would let any client claim an address)']);
  if (e.PAYMENT_GATEWAY === 'stripe' && !e.STRIPE_SECRET_KEY) throw new ConfigError(['STRIPE_SECRET_KEY: required when PAYMENT_GATEWAY=stripe']);
  return {
    appEnv: e.APP_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1'),
    dataDir: path.resolve(e.DATA_DIR),
    documentsDir: path.resolve(e.DOCUMENTS_DIR ?? path.join(e.DATA_DIR, 'documents')),
    labPartners: e.LAB_PARTNERS.split(',')
      .map((l) => l.trim())
      .filter(Boolean),
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    dbPoolMax: e.DB_POOL_MAX,
    ...(e.DATABASE_REPLICA_URL ? { replica: { url: e.DATABASE_REPLICA_URL, maxLagMs: e.DATABASE_REPLICA_MAX_LAG_MS, readWaitMs: e.DATABASE_REPLICA_READ_WAIT_MS } } : {}),
    logLevel: e.LOG_LEVEL,
    secrets: {
      jwtSigningKey: e.JWT_SIGNING_KEY,
      fieldEncryptionKey: e.FIELD_ENCRYPTION_KEY,
      blindIndexKey: e.BLIND_INDEX_KEY,
    },
    previousFieldEncryptionKeys: e.FIELD_ENCRYPTION_PREVIOUS_KEYS?.split(',').map((k) => k.trim()) ?? [],
    businessTimeZone: e.BUSINESS_TIMEZONE,
    trustProxy: e.TRUSTED_PROXIES ? splitList(e.TRUSTED_PROXIES) : e.TRUST_PROXY,
    allowedNetworks,
    mfa: { required: (e.MFA_MODE ?? (isProduction ? 'required' : 'offered')) === 'required', exemptRoles: e.MFA_EXEMPT_ROLES ? (splitList(e.MFA_EXEMPT_ROLES) as Role[]) : [] },
    metricsEnabled: e.METRICS_ENABLED,
    metricsToken: e.METRICS_TOKEN,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    jobsEnabled: e.JOBS_ENABLED,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    passwordHashCost: e.PASSWORD_HASH_COST,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    portalRegistrationLimitPerMinute: e.PORTAL_REGISTRATION_LIMIT_PER_MINUTE,
    portalRegistrationLimitPerPolicyPerHour: e.PORTAL_REGISTRATION_LIMIT_PER_POLICY_PER_HOUR,
    kycValidityMonths: e.KYC_VALIDITY_MONTHS,
    invoiceLeadDays: e.INVOICE_LEAD_DAYS,
    reconciliationCloseThreshold: e.RECONCILIATION_CLOSE_THRESHOLD,
    exportRowCap: e.EXPORT_ROW_CAP,
    baseCurrency: e.BASE_CURRENCY,
    insurerName: e.INSURER_NAME,
    renewalAutoMaxIncreasePercent: e.RENEWAL_AUTO_MAX_INCREASE_PERCENT,
    loadDemoData: !isProduction,
    paymentGateway: e.PAYMENT_GATEWAY,
    notifications: { smtpUrl: e.SMTP_URL, emailFrom: e.NOTIFICATIONS_EMAIL_FROM },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    ...(e.PAYMENT_GATEWAY === 'stripe' ? { stripe: { secretKey: e.STRIPE_SECRET_KEY!, ...(e.STRIPE_API_BASE ? { apiBase: e.STRIPE_API_BASE } : {}) } } : {}),
    paymentWebhookSecrets: e.PAYMENT_WEBHOOK_SECRETS?.split(',').map((s) => s.trim()) ?? (isProduction ? [] : [LOCAL_SANDBOX_WEBHOOK_SECRET]),
    voice: {
      providers: e.VOICE_PROVIDERS === 'none' ? [] : [...new Set(e.VOICE_PROVIDERS.split(',') as ('telnyx' | 'twilio')[])],
      ...(e.TELNYX_PUBLIC_KEY ? { telnyxPublicKey: e.TELNYX_PUBLIC_KEY } : {}),
      ...(e.TWILIO_AUTH_TOKEN ? { twilioAuthToken: e.TWILIO_AUTH_TOKEN } : {}),
      ringTimeoutSeconds: e.VOICE_RING_TIMEOUT_SECONDS,
    },
  };
}

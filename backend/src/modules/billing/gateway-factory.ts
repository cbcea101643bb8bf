// Which PaymentGateway billing uses, from the configuration: `PAYMENT_GATEWAY=sandbox` (the built-in
// sandbox, local mode) or `stripe` (stripe-gateway.ts, the `stripe` package, with STRIPE_SECRET_KEY).
// The sandbox succeeds any ordinary token without moving money, so production never uses it: there,
// unless Stripe is configured, card payments are refused (503) and every webhook is refused (400).
import crypto from 'node:crypto';
import type { Config } from '../../config';
import type { Clock } from '../../platform/clock';
import type { ChargeResult, PaymentGateway, RefundResult, WebhookVerification } from './payment-gateway';
import { SandboxGateway } from './sandbox-gateway';
import { StripeGateway } from './stripe-gateway';

/** Thrown by a gateway that cannot take payments at all (none configured). */
export class GatewayUnavailableError extends Error {}

/** Production's gateway when no real one is configured: charges nothing, verifies nothing. */
class UnavailableGateway implements PaymentGateway {
  readonly name = 'unavailable';
  charge(): Promise<ChargeResult> {
    return Promise.reject(new GatewayUnavailableError('No card payment gateway is configured'));
  }
  refund(): Promise<RefundResult> {
    return Promise.reject(new GatewayUnavailableError('No card payment gateway is configured'));
  }
  verifyWebhook(): WebhookVerification {
    return { status: 'bad_signature' };
  }
}

export function createPaymentGateway(config: Pick<Config, 'paymentGateway' | 'paymentWebhookSecrets' | 'isProduction' | 'stripe'>, clock: Clock): PaymentGateway {
  if (config.paymentGateway === 'stripe') {
    if (!config.stripe) throw new Error('PAYMENT_GATEWAY=stripe needs STRIPE_SECRET_KEY');
    return new StripeGateway({ secretKey: config.stripe.secretKey, apiBase: config.stripe.apiBase, webhookSecrets: config.paymentWebhookSecrets });
  }
  if (config.isProduction) return new UnavailableGateway();
  switch (config.paymentGateway) {
    case 'sandbox':
      // Without a configured secret the sandbox signs with a random one nobody else knows.
      return new SandboxGateway({ clock, webhookSecrets: config.paymentWebhookSecrets.length ? config.paymentWebhookSecrets : [crypto.randomBytes(32).toString('hex')] });
  }
}

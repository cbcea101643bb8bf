// Which PaymentGateway billing uses, from the configuration. Only the built-in sandbox exists so far:
// `PAYMENT_GATEWAY` accepts 'sandbox' alone until a Stripe adapter (the `stripe` package) is built.
import crypto from 'node:crypto';
import type { Config } from '../../config';
import type { Clock } from '../../platform/clock';
import type { PaymentGateway } from './payment-gateway';
import { SandboxGateway } from './sandbox-gateway';

export function createPaymentGateway(config: Pick<Config, 'paymentGateway' | 'paymentWebhookSecrets'>, clock: Clock): PaymentGateway {
  switch (config.paymentGateway) {
    case 'sandbox':
      // Without a configured secret (production left unset) the sandbox signs with a random one
      // nobody else knows, so no webhook from outside can ever verify.
      return new SandboxGateway({ clock, webhookSecrets: config.paymentWebhookSecrets.length ? config.paymentWebhookSecrets : [crypto.randomBytes(32).toString('hex')] });
  }
}

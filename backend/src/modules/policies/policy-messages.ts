// What the customer is told about their policy's standing and renewal, through the notifications
// outbox in the transaction of the change (once each: idempotency keys per policy and period), on the
// customer's preferred channel: the grace notice, the last warning before a lapse, the lapse notice
// and the renewal offer.
import type { Trx } from '../../db';
import { formatMoney } from '../../platform/money';
import type { NotificationService } from '../notifications/notifications.service';

interface PolicyRef {
  id: string;
  policyNumber: string;
  customerId: string;
}

export class PolicyMessages {
  constructor(private readonly notifications: NotificationService) {}

  graceStarted(trx: Trx, policy: PolicyRef, grace: { dueDate: string; endsOn: string }) {
    return this.send(trx, policy, 'grace-notice', `policy:${policy.id}:grace:${grace.dueDate}`, { dueDate: grace.dueDate, graceEndsOn: grace.endsOn });
  }

  lapseWarning(trx: Trx, policy: PolicyRef, grace: { since: string; endsOn: string; daysLeft: number }) {
    return this.send(trx, policy, 'lapse-warning', `policy:${policy.id}:lapse-warning:${grace.since}`, { graceEndsOn: grace.endsOn, daysLeft: grace.daysLeft });
  }

  lapsed(trx: Trx, policy: PolicyRef, lapsedOn: string) {
    return this.send(trx, policy, 'lapse-notice', `policy:${policy.id}:lapsed:${lapsedOn}`, { lapsedOn });
  }

  renewalOffered(trx: Trx, policy: PolicyRef, offer: { renewalDate: string; annualPremium: number; currency: string }) {
    return this.send(trx, policy, 'renewal-offer', `policy:${policy.id}:renewal-offer:${offer.renewalDate}`, {
      renewalDate: offer.renewalDate,
      premium: `${formatMoney(offer.annualPremium, offer.currency)} a year`,
    });
  }

  private async send(trx: Trx, policy: PolicyRef, template: string, idempotencyKey: string, data: Record<string, string | number>): Promise<void> {
    await this.notifications.tellCustomer(trx, { customerId: policy.customerId, template, data: { policyNumber: policy.policyNumber, ...data }, idempotencyKey });
  }
}

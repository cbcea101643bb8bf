// Sign-in figures for /metrics: failed logins counted as they are answered (each instance its own
// counter; Prometheus sums them), accounts locked now read from the database on scrape.
import type { AppMetrics } from '../../platform/metrics';

export function registerIdentityMetrics(metrics: AppMetrics) {
  // A wrong password, an unknown email, a locked or disabled account and a wrong current password all answer INVALID_CREDENTIALS.
  metrics.countProblems({ name: 'policydesk_login_failures_total', help: 'Refused sign-ins (INVALID_CREDENTIALS answers)', codes: ['INVALID_CREDENTIALS'] });
  metrics.countProblems({ name: 'policydesk_login_rate_limited_total', help: 'Sign-ins refused by the login rate limit', codes: ['LOGIN_RATE_LIMITED'] });
  metrics.registerCollector({
    gauges: { policydesk_accounts_locked: { help: 'Staff accounts locked now after repeated wrong passwords' } },
    async collect(db) {
      const { rows } = await db.raw<{ rows: { locked: string }[] }>('SELECT count(*) AS locked FROM users WHERE locked_until > now()').timeout(1_500, { cancel: true });
      return { policydesk_accounts_locked: [{ value: Number(rows[0]?.locked ?? 0) }] };
    },
  });
}

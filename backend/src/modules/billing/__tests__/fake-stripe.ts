// A small local HTTP server standing in for api.stripe.com in tests (there is no internet here, and
// Stripe is an external service, not our database). It records every request and answers the two
// endpoints billing calls as Stripe's API reference documents them: POST /v1/payment_intents
// (create + confirm) and POST /v1/refunds, form-encoded in, JSON out, `Request-Id` on every answer,
// errors as `{ error: { type, code, decline_code, message, payment_intent } }` with 402 for card
// errors, and Idempotency-Key replays (same key and body: the first answer again, marked
// `Idempotent-Replayed`; same key, other body: 400 idempotency_error).
//
// What a charge does depends on its payment_method, after Stripe's documented test PaymentMethods:
//   pm_card_visa (and any other)              → succeeded
//   pm_card_chargeDeclinedInsufficientFunds   → 402 card_declined / insufficient_funds
//   pm_card_chargeDeclinedExpiredCard         → 402 expired_card
//   pm_card_chargeDeclined                    → 402 card_declined / generic_decline
//   pm_card_processing                        → processing (settled later by webhook)
//   pm_card_threeDSecureRequired              → requires_action
//   pm_server_error                           → 500 api_error
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The form-encoded body, flattened as sent (`metadata[key]` → value). */
  form: Record<string, string>;
}

export interface FakeStripe {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown };

const DECLINES: Record<string, { code: string; decline_code?: string; message: string }> = {
  pm_card_chargeDeclinedInsufficientFunds: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  pm_card_chargeDeclinedExpiredCard: { code: 'expired_card', message: 'Your card has expired.' },
  pm_card_chargeDeclined: { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
};

export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: RecordedRequest[] = [];
  const byKey = new Map<string, { body: string; answer: Answer }>();
  let n = 0;
  const id = (prefix: string) => `${prefix}_fake${String(++n).padStart(8, '0')}`;
  const now = () => Math.floor(Date.now() / 1000);

  const paymentIntent = (form: Record<string, string>): Answer => {
    const method = form.payment_method ?? '';
    const intent = {
      id: id('pi'),
      object: 'payment_intent',
      amount: Number(form.amount),
      amount_received: 0,
      currency: form.currency,
      customer: form.customer ?? null,
      payment_method: method,
      confirmation_method: 'automatic',
      created: now(),
      livemode: false,
      metadata: Object.fromEntries(Object.entries(form).flatMap(([k, v]) => (k.startsWith('metadata[') ? [[k.slice(9, -1), v]] : []))),
      last_payment_error: null as null | Record<string, unknown>,
      status: 'succeeded',
    };
    if (method === 'pm_server_error') return { status: 500, body: { error: { type: 'api_error', message: 'Something went wrong on our end.' } } };
    const decline = DECLINES[method];
    if (decline) {
      const error = { type: 'card_error', ...decline };
      return { status: 402, body: { error: { ...error, payment_intent: { ...intent, status: 'requires_payment_method', last_payment_error: error } } } };
    }
    if (method === 'pm_card_processing') return { status: 200, body: { ...intent, status: 'processing' } };
    if (method === 'pm_card_threeDSecureRequired') return { status: 200, body: { ...intent, status: 'requires_action', next_action: { type: 'use_stripe_sdk' } } };
    return { status: 200, body: { ...intent, amount_received: intent.amount } };
  };

  const refund = (form: Record<string, string>): Answer => {
    if (!form.payment_intent?.startsWith('pi_')) {
      return {
        status: 404,
        body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such payment_intent: '${form.payment_intent}'`, param: 'payment_intent' } },
      };
    }
    return {
      status: 200,
      body: { id: id('re'), object: 'refund', amount: Number(form.amount), currency: 'usd', payment_intent: form.payment_intent, status: 'succeeded', created: now() },
    };
  };

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(raw));
      const path = (req.url ?? '').split('?')[0]!;
      requests.push({ method: req.method ?? '', path, headers: req.headers, form });
      const send = ({ status, body }: Answer, extra: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake${requests.length}`, ...extra });
        res.end(JSON.stringify(body));
      };
      if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_')) {
        return send({ status: 401, body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } } });
      }
      const key = req.headers['idempotency-key'];
      const known = typeof key === 'string' ? byKey.get(`${path}\0${key}`) : undefined;
      if (known) {
        if (known.body !== raw) {
          return send({
            status: 400,
            body: { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } },
          });
        }
        return send(known.answer, { 'idempotent-replayed': 'true' });
      }
      const answer =
        req.method === 'POST' && path === '/v1/payment_intents'
          ? paymentIntent(form)
          : req.method === 'POST' && path === '/v1/refunds'
            ? refund(form)
            : { status: 404, body: { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${path})` } } };
      // Stripe keeps the answer of a keyed request, except 5xx ones (those may be retried).
      if (typeof key === 'string' && answer.status < 500) byKey.set(`${path}\0${key}`, { body: raw, answer });
      send(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

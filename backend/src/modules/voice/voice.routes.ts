// Phone lines (admins configure, managers read) and the providers' webhooks, which answer TeXML /
// TwiML. A webhook's signature is checked before anything else; its body stays raw for that (app.ts
// keeps /api/voice bodies as Buffers, as it does the payment webhook's).
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import {
  CreatePhoneLineBody,
  LineMetricsQuery,
  PhoneLine,
  PhoneLineHistory,
  PhoneLineList,
  PhoneLineMetrics,
  UpdatePhoneLineBody,
  VoiceCallList,
  VoiceProvider,
} from '../../contracts/voice';
import { NotificationStatus } from '../../contracts/notifications';
import { AppError, BadRequestError } from '../../platform/errors';
import type { NotificationService } from '../notifications/notifications.service';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import { VOICE_EVENTS, callerNumber, type VoiceCalls } from './calls.service';
import { recordRequest } from './line-monitor.repository';
import type { LineMonitor } from './line-monitor.service';
import type { PhoneLinesService } from './phone-lines.service';
import type { WebhookVerifier } from './webhook-verifier';

export const VOICE_WEBHOOK_PATH = '/api/voice';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const WebhookParams = z.strictObject({ provider: VoiceProvider, event: z.enum(VOICE_EVENTS) });
const MessageStatusParams = z.strictObject({ provider: VoiceProvider });
const DeliveryReceiptAnswer = z.object({ stored: z.boolean(), status: z.union([NotificationStatus, z.null()]) }).meta({ id: 'DeliveryReceiptAnswer' });
const WebhookQuery = z.strictObject({ attempt: z.coerce.number().int().min(1).max(9).optional() });

/** The webhook's parameters: form-encoded (TwiML, TeXML's default) or a flat JSON object. */
export function webhookParams(raw: Buffer, contentType: string | undefined): [string, string][] {
  const text = raw.toString('utf8');
  if (/json/i.test(contentType ?? '')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        return Object.entries(parsed as Record<string, unknown>).flatMap(([k, v]) =>
          typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [[k, String(v)] as [string, string]] : [],
        );
    } catch {
      return [];
    }
    return [];
  }
  return [...new URLSearchParams(text).entries()];
}

export function registerVoiceRoutes(
  { api, clock, db, logger }: Pick<ModuleContext, 'api' | 'clock' | 'db' | 'logger'>,
  lines: PhoneLinesService,
  calls: VoiceCalls,
  verifier: WebhookVerifier,
  monitor: LineMonitor,
  notifications: NotificationService,
) {
  api.route({
    method: 'get',
    path: '/phone-lines',
    summary: 'The insurer’s phone lines: number, greeting, hours, menu, after hours, urgent key',
    tags: ['Voice'],
    access: { permission: 'phone-lines:read' },
    responses: { 200: { description: 'The lines, by name', schema: PhoneLineList } },
    handler: async (_input, _req, res) => res.json({ items: await lines.list() }),
  });

  api.route({
    method: 'post',
    path: '/phone-lines',
    summary: 'Configure a phone line (admins)',
    tags: ['Voice'],
    access: { permission: 'phone-lines:manage' },
    request: { body: CreatePhoneLineBody },
    responses: {
      201: { description: 'Created', schema: PhoneLine },
      400: { description: 'PHONE_LINE_INVALID: not a valid number, a key twice, the urgent key in the menu, no such calendar or branch' },
      409: { description: 'PHONE_LINE_NUMBER_TAKEN' },
    },
    handler: async ({ actor, body }, _req, res) => {
      const line = await lines.create(actor, body);
      res.location(`/api/phone-lines/${line.id}`);
      sendVersioned(res, line, 201);
    },
  });

  api.route({
    method: 'get',
    path: '/phone-lines/:id',
    summary: 'A phone line',
    tags: ['Voice'],
    access: { permission: 'phone-lines:read' },
    request: { params: Id },
    responses: { 200: { description: 'The line', schema: PhoneLine } },
    handler: async ({ params }, _req, res) => sendVersioned(res, await lines.get(params.id)),
  });

  api.route({
    method: 'put',
    path: '/phone-lines/:id',
    summary: 'Replace a phone line’s configuration (admins); calls already in progress keep the menu they heard',
    tags: ['Voice'],
    access: { permission: 'phone-lines:manage' },
    ifMatch: true,
    request: { params: Id, body: UpdatePhoneLineBody },
    responses: {
      200: { description: 'Updated', schema: PhoneLine },
      400: { description: 'PHONE_LINE_INVALID' },
      409: { description: 'PHONE_LINE_NUMBER_TAKEN' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await lines.update(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'get',
    path: '/phone-lines/:id/history',
    summary: 'Every version of a phone line’s configuration, newest first, with who made it',
    tags: ['Voice'],
    access: { permission: 'phone-lines:read' },
    request: { params: Id },
    responses: { 200: { description: 'The versions', schema: PhoneLineHistory } },
    handler: async ({ params }, _req, res) => res.json(await lines.history(params.id)),
  });

  api.route({
    method: 'get',
    path: '/phone-lines/:id/calls',
    summary: 'The line’s latest calls (50), newest first: caller match, queue, case, interaction, status',
    tags: ['Voice'],
    access: { permission: 'phone-lines:read' },
    request: { params: Id },
    responses: { 200: { description: 'The calls', schema: VoiceCallList } },
    handler: async ({ params }, _req, res) => {
      await lines.get(params.id);
      res.json({ items: await calls.callsOfLine(params.id) });
    },
  });

  api.route({
    method: 'get',
    path: '/phone-lines/:id/metrics',
    summary:
      'What the line delivered over a window (its own by default): calls, answered within 20 s, abandoned, missed, webhook p95 and error rate; the thresholds past now and the alert episodes',
    tags: ['Voice'],
    access: { permission: 'phone-lines:read' },
    request: { params: Id, query: LineMetricsQuery },
    responses: { 200: { description: 'The figures', schema: PhoneLineMetrics } },
    handler: async ({ params, query }, _req, res) => res.json(await monitor.metrics(await lines.row(params.id), query.windowMinutes)),
  });

  // Before the call webhooks' route, whose `:event` would take this path.
  api.route({
    method: 'post',
    path: '/voice/:provider/message-status',
    summary: 'The messaging providers’ SMS delivery receipts (Telnyx JSON, Twilio status callback), through the same signed inbox as the call webhooks',
    description:
      'Verified exactly as the call webhooks are, before anything else. Stored once by (provider, provider message id, status); the outbox message ' +
      'moves forward only (sent → delivered | undelivered), so a repeated or reordered receipt changes nothing.',
    tags: ['Voice'],
    access: 'public',
    request: { params: MessageStatusParams },
    responses: {
      200: { description: 'Received (stored: false when it was a repeat; status: the message’s status now, null when no message has that id yet)', schema: DeliveryReceiptAnswer },
      400: { description: 'VALIDATION_FAILED: no message id or no known status' },
      403: { description: 'VOICE_SIGNATURE_INVALID: missing, wrong or stale signature; nothing was done' },
      503: { description: 'VOICE_NOT_CONFIGURED' },
    },
    handler: async ({ params }, req, res) => {
      const raw: unknown = req.body;
      const rawBody = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
      const pairs = webhookParams(rawBody, req.get('content-type'));
      verifier.verify(params.provider, { rawBody, pathAndQuery: req.originalUrl, header: (name) => req.get(name), params: pairs }, Math.floor(clock.now().getTime() / 1000));
      const answer = await notifications.recordReceipt(params.provider, rawBody, req.get('content-type'));
      if (!answer) throw new BadRequestError('VALIDATION_FAILED', 'The receipt names no message or no status we know.');
      res.json(answer);
    },
  });

  api.route({
    method: 'post',
    path: '/voice/:provider/:event',
    summary: 'The phone provider’s call webhooks (Telnyx TeXML, Twilio TwiML), answered with the next instructions',
    description:
      'Public: every request is verified first — Telnyx by its Ed25519 signature over `timestamp|raw body` (headers telnyx-signature-ed25519, telnyx-timestamp; ' +
      'five minutes either way), Twilio by X-Twilio-Signature over PUBLIC_URL + path + the sorted parameters (never the Host header). Events: `incoming`, ' +
      '`policy` and `menu` (Gather actions, `?attempt=`), `voicemail` (Record action), `transcription`, `status`. Each request is stored once by ' +
      '(provider, CallSid, event): a retry gets the same document and changes nothing.',
    tags: ['Voice'],
    access: 'public',
    request: { params: WebhookParams, query: WebhookQuery },
    responses: {
      200: { description: 'A TeXML / TwiML document', contentType: 'application/xml' },
      400: { description: 'The request names no call' },
      403: { description: 'VOICE_SIGNATURE_INVALID: missing, wrong or stale signature; nothing was done' },
      503: { description: 'VOICE_NOT_CONFIGURED: this provider is not answered here' },
    },
    handler: async ({ params, query }, req, res) => {
      const raw: unknown = req.body;
      const rawBody = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
      const pairs = webhookParams(rawBody, req.get('content-type'));
      verifier.verify(params.provider, { rawBody, pathAndQuery: req.originalUrl, header: (name) => req.get(name), params: pairs }, Math.floor(clock.now().getTime() / 1000));
      // Verified: its handling time and answer are kept for the line's monitoring (one INSERT, never failing the webhook).
      const values = Object.fromEntries(pairs);
      const receivedAt = clock.now();
      const started = performance.now();
      const measure = (status: number) =>
        recordRequest(db, {
          provider: params.provider,
          callId: values.CallSid ?? values.CallControlId ?? null,
          to: values.To ? callerNumber(values.To) : null,
          event: params.event,
          receivedAt,
          durationMs: performance.now() - started,
          status,
        }).catch((err: unknown) => logger.warn({ err }, 'voice: a webhook timing was not stored'));
      let document: string;
      try {
        document = await calls.handle(params.provider, params.event, query.attempt ?? 1, values);
      } catch (err) {
        await measure(err instanceof AppError ? err.status : 500);
        throw err;
      }
      await measure(200);
      res.status(200).type('application/xml').send(document);
    },
  });
}

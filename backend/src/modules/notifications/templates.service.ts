// Admins' templates: one per (key, channel, language), every save a new version (messages keep the
// version they were queued with); placeholders are checked against the key's declared variables.
import type { NotificationTemplate, PreviewNotificationTemplateBody, PutNotificationTemplateBody, RenderedNotification } from '../../contracts/notifications';
import { withTransaction, type Db } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import * as repo from './notifications.repository';
import { checkTemplateText, render, type FieldError } from './templates';

const toDto = (t: repo.TemplateRow, key: repo.TemplateKeyRow): NotificationTemplate => ({
  key: t.key,
  channel: t.channel,
  language: t.language,
  version: t.version,
  subject: t.subject,
  body: t.body,
  variables: key.variables,
  createdAt: t.created_at.toISOString(),
  createdBy: t.created_by,
});

const invalid = (errors: FieldError[]) => new ValidationError(errors, 'The template is not usable.', 'NOTIFICATION_TEMPLATE_INVALID');

function checkDraft(channel: repo.Channel, draft: { subject?: string | null; body: string }, variables: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  if (channel === 'email' && !draft.subject) errors.push({ path: 'subject', message: 'An email needs a subject' });
  if (channel === 'sms' && draft.subject) errors.push({ path: 'subject', message: 'An SMS has no subject' });
  if (draft.subject) errors.push(...checkTemplateText('subject', draft.subject, variables));
  errors.push(...checkTemplateText('body', draft.body, variables));
  return errors;
}

export class TemplatesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<{ items: NotificationTemplate[] }> {
    const keys = new Map((await repo.allTemplateKeys(this.db)).map((k) => [k.key, k]));
    const rows = await repo.currentTemplates(this.db);
    return { items: rows.map((r) => toDto(r, keys.get(r.key)!)) };
  }

  private async keyOr404(key: string): Promise<repo.TemplateKeyRow> {
    const row = await repo.findTemplateKey(this.db, key);
    if (!row) throw new NotFoundError('notification template');
    return row;
  }

  async get(key: string, channel: repo.Channel, language: string): Promise<NotificationTemplate> {
    const k = await this.keyOr404(key);
    const t = await repo.currentTemplate(this.db, key, channel, language);
    if (!t) throw new NotFoundError('notification template');
    return toDto(t, k);
  }

  /**
   * Saves a new version. If-Match names the version edited (0 for a language the key has no template
   * in yet); a stale one is 412. Audited `notification_template.update` in the same transaction.
   */
  async put(
    actor: Actor,
    key: string,
    channel: repo.Channel,
    language: string,
    ifMatch: number,
    body: PutNotificationTemplateBody,
  ): Promise<{ template: NotificationTemplate; created: boolean }> {
    const k = await this.keyOr404(key);
    const errors = checkDraft(channel, body, k.variables);
    if (errors.length) throw invalid(errors);
    return withTransaction(this.db, async (trx) => {
      const current = await repo.currentTemplate(trx, key, channel, language);
      const currentVersion = current?.version ?? 0;
      if (ifMatch !== currentVersion) throw new PreconditionFailedError(currentVersion);
      const row = await repo.insertTemplateVersion(trx, {
        key,
        channel,
        language,
        version: currentVersion + 1,
        subject: channel === 'email' ? body.subject! : null,
        body: body.body,
        created_at: this.clock.now(),
        created_by: actor.userId,
      });
      // Someone saved this version in the meantime.
      if (!row) throw new PreconditionFailedError((await repo.currentTemplate(trx, key, channel, language))!.version);
      await this.audit.record(trx, {
        actor,
        action: 'notification_template.update',
        entity: { type: 'notification_template', id: row.id },
        before: current ? { subject: current.subject, body: current.body, version: current.version } : undefined,
        after: { subject: row.subject, body: row.body, version: row.version },
        metadata: { key, channel, language },
      });
      return { template: toDto(row, k), created: !current };
    });
  }

  /** Renders the current version, or a draft, with the given data over the key's sample values. */
  async preview(key: string, channel: repo.Channel, language: string, body: PreviewNotificationTemplateBody): Promise<RenderedNotification> {
    const k = await this.keyOr404(key);
    const current = await repo.currentTemplate(this.db, key, channel, language);
    const draft = { subject: body.subject ?? current?.subject ?? null, body: body.body ?? current?.body };
    if (draft.body === undefined) throw new NotFoundError('notification template');
    const errors = checkDraft(channel, { subject: draft.subject, body: draft.body }, k.variables);
    if (errors.length) throw invalid(errors);
    const data = { ...k.sample, ...body.data };
    const missing = k.variables.filter((v) => data[v] === undefined || data[v] === null);
    if (missing.length) throw invalid(missing.map((v) => ({ path: `data.${v}`, message: 'A value is needed for the preview' })));
    return render({ channel, subject: draft.subject, body: draft.body }, data);
  }
}

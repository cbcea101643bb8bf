// Pure template logic: `{{name}}` placeholders, their check against a key's declared variables,
// rendering (text, and HTML made from the text with every value escaped), and the retry backoff.

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** The variable names a template text uses, each once, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export interface FieldError {
  path: string;
  message: string;
}

/**
 * Field errors of a template text: a placeholder naming no declared variable, or a `{{` / `}}` that is
 * not part of a well-formed placeholder.
 */
export function checkTemplateText(path: string, text: string, variables: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  const unknown = placeholdersOf(text).filter((v) => !variables.includes(v));
  if (unknown.length)
    errors.push({ path, message: `Unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((v) => `{{${v}}}`).join(', ')}; allowed: ${variables.join(', ')}` });
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) errors.push({ path, message: 'A placeholder is malformed: write {{name}} with a variable name' });
  return errors;
}

export type TemplateData = Readonly<Record<string, unknown>>;

/** The text with each placeholder replaced by its value (a missing value is an error: the caller passes every variable). */
export function renderText(text: string, data: TemplateData): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const value = data[name];
    if (value === undefined || value === null) throw new Error(`The template needs {{${name}}}, which the message's data lacks`);
    return String(value);
  });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The HTML part of an email: the rendered text, escaped, one paragraph per blank-line-separated block. */
export function htmlOf(text: string): string {
  const paragraphs = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body>${paragraphs.join('')}</body></html>`;
}

export interface Rendered {
  subject: string | null;
  text: string;
  html: string | null;
}

export function render(template: { channel: 'email' | 'sms'; subject: string | null; body: string }, data: TemplateData): Rendered {
  const text = renderText(template.body, data);
  if (template.channel === 'sms') return { subject: null, text, html: null };
  return { subject: renderText(template.subject ?? '', data).replace(/[\r\n]+/g, ' '), text, html: htmlOf(text) };
}

/** Retry policy of the outbox worker. */
export const RETRY = { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 6 * 60 * 60_000 } as const;

/** The wait before the next attempt after `attempts` failed ones (1, 2, …): doubling from the base, capped. */
export function backoffMs(attempts: number, policy: { baseDelayMs: number; maxDelayMs: number } = RETRY): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  return Math.min(policy.baseDelayMs * 2 ** exponent, policy.maxDelayMs);
}

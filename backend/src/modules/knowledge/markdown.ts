// Markdown → safe HTML, the one place articles are rendered (the article view, the editor's preview
// and what is sent to customers all come from here). Two layers:
// 1. markdown-it with `html: false`: raw HTML in the Markdown is shown as text, never parsed; its
//    link validator already refuses javascript:, vbscript:, file: and most data: URLs.
// 2. sanitize-html over the result, with an allow-list of tags and attributes (no event handlers,
//    no style, no iframes), links only to http(s), mailto, tel or the page itself, every link
//    rel="noopener noreferrer" and external ones target="_blank".
// Headings get ids (`section-<slug>`) so the console's help button can point at a manual's section.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** Marks PostgreSQL's ts_headline puts around hits (control characters never in article text). */
export const HIT_START = '\u0001';
export const HIT_END = '\u0002';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** The slug of a heading's text: lower-case letters and digits joined by dashes. */
export function headingSlug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'section'
  );
}

export const SECTION_ID_PREFIX = 'section-';

md.core.ruler.push('heading_ids', (state) => {
  const seen = new Map<string, number>();
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    const base = headingSlug(inline?.children?.map((c) => c.content).join('') ?? inline?.content ?? '');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    token.attrSet('id', `${SECTION_ID_PREFIX}${n === 0 ? base : `${base}-${n}`}`);
  }
});

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    's',
    'del',
    'ul',
    'ol',
    'li',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'kbd',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    h1: ['id'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
    code: ['class'],
  },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedClasses: { code: [/^language-[a-z0-9-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href ?? '';
      const external = /^https?:\/\//i.test(href);
      return {
        tagName,
        attribs: { ...(href ? { href } : {}), ...(attribs.title ? { title: attribs.title } : {}), rel: 'noopener noreferrer', ...(external ? { target: '_blank' } : {}) },
      };
    },
  },
};

/** Sanitises HTML with the knowledge base's allow-list (exported so tests can hand it hostile HTML directly). */
export function sanitize(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

/** The Markdown as safe HTML. */
export function renderMarkdown(markdown: string): string {
  return sanitize(md.render(markdown));
}

/** The Markdown as plain text (for search and text messages): the rendered HTML without tags, entities decoded, whitespace folded. */
export function plainText(markdown: string): string {
  const text = sanitizeHtml(md.render(markdown).replace(/<\/(p|h[1-6]|li|pre|blockquote|tr)>/g, '$&\n'), { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .replaceAll(HIT_START, '')
    .replaceAll(HIT_END, '')
    .trim();
}

/** The ids of the headings a Markdown text renders (`section-…`), for checking help links. */
export function sectionIds(markdown: string): string[] {
  return [...renderMarkdown(markdown).matchAll(/<h[1-6] id="([^"]+)"/g)].map((m) => m[1]!);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A ts_headline fragment as HTML: everything escaped, only the hits wrapped in <mark>. */
export function snippetHtml(headline: string): string {
  return escapeHtml(headline).replaceAll(HIT_START, '<mark>').replaceAll(HIT_END, '</mark>');
}

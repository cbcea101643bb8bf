import { Typography } from '@mantine/core';

/**
 * An article's HTML as the server rendered it: Markdown through markdown-it without raw HTML, then
 * sanitize-html's allow-list (no script, no event handlers, no javascript: links). The console never
 * renders Markdown itself, so what readers, the preview and customers see is sanitised in one place.
 */
export function ArticleHtml({ html, label }: { html: string; label: string }) {
  // Sanitised by the server (modules/knowledge/markdown.ts).
  return <Typography aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A search snippet: escaped text with <mark> around the words found (made by the server). */
export function Snippet({ html }: { html: string }) {
  // Escaped by the server except for <mark>.
  return <span dangerouslySetInnerHTML={{ __html: html }} />;
}

// Rendering articles safely: Markdown with raw HTML, event handlers and script links comes out as
// harmless HTML; links carry rel="noopener noreferrer"; headings get the ids help links point at.
import fs from 'node:fs';
import { HELP_TOPICS, ROLE_MANUALS, helpLinkFor, manualSlug } from '../../../contracts/knowledge-help';
import { manualsDir, readManuals } from '../../../../../seeds/reference/002_knowledge_base';
import { plainText, renderMarkdown, sanitize, sectionIds, snippetHtml, HIT_END, HIT_START } from '../markdown';

describe('renderMarkdown', () => {
  it('never lets a script through: raw HTML in Markdown is shown as text', () => {
    const html = renderMarkdown('Hello\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops inline event handlers and script tags from HTML whatever its source', () => {
    const html = sanitize('<p onclick="steal()">x</p><img src="x" onerror="alert(1)"><script>alert(1)</script><a href="https://example.com" onmouseover="x()">y</a>');
    expect(html).not.toMatch(/onclick|onerror|onmouseover|<script|<img/i);
    expect(html).toContain('<p>x</p>');
  });

  it('refuses javascript:, vbscript: and data: links, in Markdown and in HTML', () => {
    const fromMarkdown = renderMarkdown('[click](javascript:alert(1)) [vb](vbscript:msgbox) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.com/a)');
    expect(fromMarkdown).not.toMatch(/href="(javascript|vbscript|data):/i);
    expect(fromMarkdown).toContain('href="https://example.com/a"');
    const fromHtml = sanitize('<a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a><a href=" javascript:alert(1)">c</a>');
    expect(fromHtml).not.toMatch(/javascript/i);
  });

  it('opens links with rel="noopener noreferrer", external ones in a new tab', () => {
    const html = renderMarkdown('[ext](https://example.com) [mail](mailto:help@example.com) <https://policydesk.example/x>');
    const links = [...html.matchAll(/<a [^>]*>/g)].map((m) => m[0]);
    expect(links).toHaveLength(3);
    for (const link of links) expect(link).toContain('rel="noopener noreferrer"');
    expect(links[0]).toContain('target="_blank"');
    expect(links[1]).not.toContain('target=');
  });

  it('gives headings stable ids (section-<slug>), numbered when repeated', () => {
    expect(sectionIds('# Agent manual\n\n## My work\n\n## The customer 360 view\n\n## My work')).toEqual([
      'section-agent-manual',
      'section-my-work',
      'section-the-customer-360-view',
      'section-my-work-1',
    ]);
  });

  it('makes plain text for search without markup', () => {
    expect(plainText('## Paying\n\nOpen **the invoice** and choose [Pay](https://x.example).')).toBe('Paying\nOpen the invoice and choose Pay.');
  });

  it('escapes a search snippet, keeping only the hit marks', () => {
    expect(snippetHtml(`a <b>${HIT_START}claim${HIT_END}</b> & "x"`)).toBe('a &lt;b&gt;<mark>claim</mark>&lt;/b&gt; &amp; &quot;x&quot;');
  });
});

describe('the role manuals and the help button', () => {
  const manuals = new Map(readManuals().map((m) => [m.slug, m]));

  it('ships the seven role manuals as Markdown in the repository', () => {
    expect(fs.existsSync(manualsDir())).toBe(true);
    expect([...manuals.keys()].sort()).toEqual(['admin', 'agent', 'claims-adjuster', 'finance', 'manager', 'senior-agent', 'underwriter'].map((m) => `manual-${m}`));
    for (const manual of manuals.values()) expect(manual.title).toMatch(/manual$/i);
  });

  it('has every section a help link points at, in each manual the link names', () => {
    const missing: string[] = [];
    for (const topic of HELP_TOPICS)
      for (const manual of topic.manuals) {
        const ids = sectionIds(manuals.get(manualSlug(manual))!.body);
        if (!ids.includes(`section-${topic.section}`)) missing.push(`${manual}#${topic.section} (${topic.path})`);
      }
    expect(missing).toEqual([]);
  });

  it('sends each role to its own manual when it covers the page, else to the one that does', () => {
    expect(helpLinkFor('/my-work', 'agent')).toEqual({ slug: 'manual-agent', section: 'section-my-work' });
    expect(helpLinkFor('/cases/1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'senior_agent')).toEqual({ slug: 'manual-senior-agent', section: 'section-working-a-case' });
    expect(helpLinkFor('/customers/new', 'agent')).toEqual({ slug: 'manual-agent', section: 'section-adding-a-customer' });
    expect(helpLinkFor('/users', 'manager')).toEqual({ slug: 'manual-admin', section: 'section-users' });
    expect(helpLinkFor('/finance', 'finance_manager')).toEqual({ slug: 'manual-finance', section: 'section-the-monthly-close' });
    expect(helpLinkFor('/nowhere/at/all', 'agent')).toBeUndefined();
    for (const role of Object.keys(ROLE_MANUALS) as (keyof typeof ROLE_MANUALS)[]) expect(helpLinkFor('/', role)?.slug).toBe(manualSlug(ROLE_MANUALS[role]));
  });
});

// Pure template logic: placeholders, their check, rendering and the retry backoff.
import fc from 'fast-check';
import { backoffMs, checkTemplateText, htmlOf, placeholdersOf, render, renderText, RETRY } from '../templates';

it('finds each placeholder once, spaces inside the braces allowed', () => {
  expect(placeholdersOf('Hi {{name}}, {{ name }} owes {{amount}}')).toEqual(['name', 'amount']);
});

it('reports unknown and malformed placeholders', () => {
  expect(checkTemplateText('body', 'Hi {{name}}', ['name'])).toEqual([]);
  expect(checkTemplateText('body', 'Hi {{nam}}', ['name'])).toEqual([{ path: 'body', message: expect.stringContaining('{{nam}}') }]);
  expect(checkTemplateText('body', 'Hi {{name}', ['name'])).toEqual([{ path: 'body', message: expect.stringContaining('malformed') }]);
  expect(checkTemplateText('body', 'Hi {{1x}}', ['name'])).toEqual([{ path: 'body', message: expect.stringContaining('malformed') }]);
});

it('renders every declared value and refuses a missing one', () => {
  expect(renderText('{{a}}-{{ b }}', { a: 1, b: 'x' })).toBe('1-x');
  expect(() => renderText('{{a}}', {})).toThrow('{{a}}');
});

it('never lets a value become markup in the HTML part, and keeps the subject on one line', () => {
  fc.assert(
    fc.property(fc.string(), (value) => {
      const html = htmlOf(renderText('Dear {{name}}', { name: value }));
      expect(html.replace(/<\/?(p|br|html|body|!doctype html)>/g, '')).not.toMatch(/[<>]/);
    }),
  );
  expect(render({ channel: 'email', subject: 'Re: {{x}}', body: 'b' }, { x: 'a\r\nBcc: evil@example.com' }).subject).toBe('Re: a Bcc: evil@example.com');
});

it('backs off by doubling from the base, never beyond the cap, never shrinking', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1000 }), (n) => {
      const wait = backoffMs(n);
      expect(wait).toBeGreaterThanOrEqual(RETRY.baseDelayMs);
      expect(wait).toBeLessThanOrEqual(RETRY.maxDelayMs);
      expect(backoffMs(n + 1)).toBeGreaterThanOrEqual(wait);
    }),
  );
  expect([1, 2, 3].map((n) => backoffMs(n))).toEqual([60_000, 120_000, 240_000]);
});

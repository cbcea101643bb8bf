// What a free-text customer search means: a customer number, an email, phone digits, or a name.

export type SearchTerm = { kind: 'number'; customerNumber: string } | { kind: 'email'; prefix: string } | { kind: 'phone'; digits: string } | { kind: 'name'; text: string };

export function classifySearch(q: string): SearchTerm {
  const text = q.trim();
  const number = /^c-?(\d{1,9})$/i.exec(text);
  if (number) return { kind: 'number', customerNumber: `C-${number[1]!.padStart(6, '0')}` };
  if (text.includes('@')) return { kind: 'email', prefix: text.toLowerCase() };
  const digits = text.replace(/[\s().+\-/]/g, '');
  if (/^\d{3,}$/.test(digits)) return { kind: 'phone', digits };
  return { kind: 'name', text: text.toLowerCase().replace(/\s+/g, ' ') };
}

// Each module's declared audit actions and error codes are exactly what its source records and
// throws: a source scan, so the lists (which the console uses) cannot drift from the code.
import fs from 'node:fs';
import path from 'node:path';
import { PLATFORM_ERROR_CODES } from '../../contracts/common';
import { ORDERS_AUDIT_ACTIONS, type OrdersAuditAction } from '../../contracts/orders';
import { productModules } from '..';
import { EXAM_STEPS, type ExamStep } from '../orders/exams.service';
import { ORDER_TRANSITIONS, type OrderAction } from '../orders/order-status';

function sourceOf(moduleName: string): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== '__tests__') walk(path.join(dir, entry.name));
      else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(path.join(dir, entry.name));
    }
  };
  walk(path.join(__dirname, '..', moduleName));
  return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/**
 * SCREAMING_SNAKE literals, except where a `code` member is set or compared (`code: '…'`,
 * `r.code !== '…'`): the rating engine's eligibility reasons are not problem codes.
 */
function codesIn(source: string): Set<string> {
  return new Set([...source.matchAll(/(code(?::|\s*[!=]==)\s*)?'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)].filter((m) => !m[1]).map((m) => m[2]!));
}

/** Actions written as literals, as templates with literal alternatives, and sensitive reads; `prefixes` for templates built from a variable. */
function actionsIn(source: string): { actions: Set<string>; prefixes: Set<string> } {
  const actions = new Set([...source.matchAll(/action:\s*'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!));
  const prefixes = new Set<string>();
  for (const [, prefix, expression] of source.matchAll(/action:\s*`([a-z_]+\.)\$\{([^}]*)\}`/g)) {
    const alternatives = [...expression!.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
    if (alternatives.length) for (const a of alternatives) actions.add(`${prefix}${a}`);
    else prefixes.add(prefix!);
  }
  for (const [, type] of source.matchAll(/sensitiveRead\([^{]*\{\s*type:\s*'([a-z_]+)'/g)) actions.add(`${type}.sensitive_read`);
  return { actions, prefixes };
}

describe.each(productModules.map((m) => [m.name, m] as const))('module %s', (name, mod) => {
  const source = sourceOf(name);

  it('declares every error code it throws, and throws every code it declares', () => {
    const thrown = [...codesIn(source)].filter((code) => !(PLATFORM_ERROR_CODES as readonly string[]).includes(code));
    expect({ undeclared: thrown.filter((c) => !mod.errorCodes!.includes(c)) }).toEqual({ undeclared: [] });
    expect({ neverThrown: mod.errorCodes!.filter((c) => !codesIn(source).has(c)) }).toEqual({ neverThrown: [] });
  });

  it('declares every audit action it records, and records every action it declares', () => {
    const { actions, prefixes } = actionsIn(source);
    expect({ undeclared: [...actions].filter((a) => !mod.auditActions!.includes(a)) }).toEqual({ undeclared: [] });
    const recorded = (a: string) => actions.has(a) || [...prefixes].some((p) => a.startsWith(p));
    expect({ neverRecorded: mod.auditActions!.filter((a) => !recorded(a)) }).toEqual({ neverRecorded: [] });
  });
});

it('declares the order actions built from transition and exam-step names (`order.${action}`, `exam.${step}`)', () => {
  // Typed: a transition or step without its action in the union does not compile.
  const transitions: OrdersAuditAction[] = (Object.keys(ORDER_TRANSITIONS) as OrderAction[]).map((a) => `order.${a}` as const);
  const steps: OrdersAuditAction[] = (Object.keys(EXAM_STEPS) as ExamStep[]).map((s) => `exam.${s}` as const);
  expect(ORDERS_AUDIT_ACTIONS).toEqual(expect.arrayContaining([...transitions, ...steps]));
});

it('covers every module folder', () => {
  const folders = fs
    .readdirSync(path.join(__dirname, '..'), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== '__tests__')
    .map((e) => e.name);
  expect(folders.sort()).toEqual(productModules.map((m) => m.name).sort());
});

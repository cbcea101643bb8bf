// The README's demo-login table and the start-up banner say the same about each demo user's
// branches, and both follow the scope rule (an outside review found "all" in one and "North" in
// the other).
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_LOGINS } from '../../../seeds/demo/001_branches_and_users';
import { demoScope } from '../server';

const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');

describe('demo logins', () => {
  it.each(DEMO_LOGINS.map((u) => [u.email, u] as const))('the README row of %s says what the banner says', (email, user) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${email}\``));
    expect(row).toBeDefined();
    expect(row!.split('|')[3]!.trim()).toBe(demoScope(user));
  });

  it('admins and underwriters see every branch; the manager the branches managed; agents their own', () => {
    expect(DEMO_LOGINS.map((u) => [u.role, demoScope(u)])).toEqual(
      expect.arrayContaining([
        ['admin', 'home branch North, sees every branch'],
        ['manager', 'North and South'],
        ['agent', 'North'],
        ['agent', 'South'],
      ]),
    );
  });
});

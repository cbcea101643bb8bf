// Demo branches and one user per role (local mode only). Idempotent: existing rows are left as they
// are, so a password changed in the demo stays changed across restarts.
import type { Knex } from 'knex';
import type { Role } from '../../backend/src/contracts/auth';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { hashPassword } from '../../backend/src/modules/identity/passwords';

export const DEMO_PASSWORD = 'Policydesk-demo-1';

export const DEMO_BRANCHES = [
  { code: 'NORTH', name: 'North' },
  { code: 'SOUTH', name: 'South' },
] as const;

export const DEMO_LOGINS: { email: string; name: string; role: Role; branch: 'NORTH' | 'SOUTH'; manages?: ('NORTH' | 'SOUTH')[] }[] = [
  { email: 'admin@demo.test', name: 'Ada Admin', role: 'admin', branch: 'NORTH' },
  { email: 'manager@demo.test', name: 'Maya Manager', role: 'manager', branch: 'NORTH', manages: ['NORTH', 'SOUTH'] },
  { email: 'senior@demo.test', name: 'Sam Senior', role: 'senior_agent', branch: 'NORTH' },
  { email: 'agent@demo.test', name: 'Alex Agent', role: 'agent', branch: 'NORTH' },
  { email: 'agent2@demo.test', name: 'Blake Agent', role: 'agent', branch: 'SOUTH' },
  { email: 'underwriter@demo.test', name: 'Uma Underwriter', role: 'underwriter', branch: 'NORTH' },
  { email: 'adjuster@demo.test', name: 'Casey Adjuster', role: 'claims_adjuster', branch: 'NORTH' },
  { email: 'finance@demo.test', name: 'Fran Finance', role: 'finance', branch: 'NORTH' },
  { email: 'controller@demo.test', name: 'Cody Controller', role: 'finance_manager', branch: 'NORTH' },
];

export async function seed(db: Knex, { clock }: SeedContext): Promise<void> {
  const now = clock.now();
  await db('branches')
    .insert(DEMO_BRANCHES.map((b) => ({ ...b, created_at: now, updated_at: now })))
    .onConflict('code')
    .ignore();
  const branchIds = Object.fromEntries(
    (
      await db('branches').whereIn(
        'code',
        DEMO_BRANCHES.map((b) => b.code),
      )
    ).map((b) => [b.code, b.id]),
  );

  const existing = new Set(
    (
      await db('users')
        .whereIn(
          'email',
          DEMO_LOGINS.map((u) => u.email),
        )
        .pluck('email')
    ).map(String),
  );
  const missing = DEMO_LOGINS.filter((u) => !existing.has(u.email));
  if (!missing.length) return;
  const hash = await hashPassword(DEMO_PASSWORD, 12);
  for (const u of missing) {
    const [row] = await db('users')
      .insert({ email: u.email, name: u.name, role: u.role, branch_id: branchIds[u.branch], password_hash: hash, password_changed_at: now, created_at: now, updated_at: now })
      .onConflict('email')
      .ignore()
      .returning('id');
    if (row && u.manages) await db('user_managed_branches').insert(u.manages.map((b) => ({ user_id: row.id, branch_id: branchIds[b] })));
  }
}

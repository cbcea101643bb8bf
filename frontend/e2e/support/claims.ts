import type { APIRequestContext } from '@playwright/test';
import type { ApiSession } from './session';

/** The day before today (UTC), a loss date every demo policy in force covers. */
export const yesterday = () => new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * An active policy of the agent's branch that covers a collision on `lossDate` (every check passes)
 * and has no claim yet (main's fraud rules count another claim on it: a duplicate, frequent claims).
 */
export async function collisionPolicy(request: APIRequestContext, agent: ApiSession, lossDate: string): Promise<string> {
  const policies = await (await request.get('/api/policies?status=active&limit=100', { headers: agent.headers })).json();
  for (const p of policies.items as { id: string }[]) {
    const claims = await (await request.get(`/api/claims?policyId=${p.id}`, { headers: agent.headers })).json();
    if (claims.items.length > 0) continue;
    const check = await request.post('/api/claims/coverage-check', {
      headers: agent.headers,
      data: { policyId: p.id, lossDate, lossType: 'vehicle_collision', description: 'Rear-ended at a junction' },
    });
    if (check.ok() && !(await check.json()).coverageDoubtful) return p.id;
  }
  throw new Error('No demo policy covers a collision');
}

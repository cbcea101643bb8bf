// Shared by the claims API tests: a claim the fraud rules referred at submission is cleared by a
// manager, for tests about something else (they reuse one policy and loss date, which the rules
// rightly read as duplicate claims). fraud-referrals.api.test.ts tests the referral itself.
import request from 'supertest';
import type { Session } from '../../../../test/support/factories';

type Body = request.Response['body'];

/** The claim with its open referral (if any) cleared by `manager`; otherwise as it was. */
export async function withReferralCleared(app: Parameters<typeof request>[0], manager: Session, claim: Body): Promise<Body> {
  if (claim.referral?.status !== 'open') return claim;
  return (
    await request(app)
      .post(`/api/claims/${claim.id}/referral/decision`)
      .set(manager.auth)
      .set('If-Match', `"${claim.version}"`)
      .send({ decision: 'clear', note: 'Reviewed: a test claim, not the subject of this test' })
      .expect(200)
  ).body;
}

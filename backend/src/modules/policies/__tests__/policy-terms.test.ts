import { wholeLife } from '../../../../../seeds/reference/catalog/whole-life';
import { checkEligibility, priceQuote } from '../../products/rating/rate-quote';
import { ratingRequest, type RatingInputs } from '../policy-terms';

// The demo's whole-life policies were sold to KYC-verified customers; their quote snapshot does not
// say so. A change to such a policy must still price (found by the browser test on demo data).
describe('the rating request of a policy', () => {
  const inputs: RatingInputs = {
    applicant: { entryAge: 27, gender: 'female', smoker: false, region: 'KY', occupationClass: 1, riskLevel: 'low' },
    risk: {},
    termYears: 30,
  };

  it('prices at the entry age on the policy’s own inputs, with the identity check of the sale counted as met', () => {
    const request = ratingRequest(inputs, [{ code: 'DEATH', sumInsured: 150_000_00 }], 'monthly');
    expect(request.applicant).toMatchObject({ entryAge: 27, riskLevel: 'low', kycVerified: true });
    expect(wholeLife.eligibility.kycVerifiedRequired).toBe(true);
    expect(checkEligibility(wholeLife, request)).toEqual([]);
    expect(priceQuote(wholeLife, request).annualPremium).toBeGreaterThan(0);
  });
});

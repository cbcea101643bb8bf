// The claims history as risk factors: points by bands of the count and of the amount paid.
import { claimsAmountPoints, claimsCountPoints } from '../customer-extensions';

describe('claims history as risk factors', () => {
  it('scores the count and the amount paid in bands', () => {
    expect([0, 1, 2, 3, 9].map(claimsCountPoints)).toEqual([0, 5, 10, 20, 20]);
    expect([0, 9_999_99, 10_000_00, 49_999_99, 50_000_00, 100_000_00].map(claimsAmountPoints)).toEqual([0, 0, 5, 5, 10, 15]);
  });
});

import { createDb } from '../../../db';
import { createMigratedDatabase, dropDatabase, ownerUrlOf } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';

describe('customer numbers', () => {
  it(
    'grow past C-999999 without colliding (own database: the sequence is moved)',
    async () => {
      const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
      const url = await createMigratedDatabase(adminUrl, 'policydesk_numbers');
      const db = createDb({ url, poolMax: 1 });
      // Moving a sequence (setval) is the owner's; the app only draws numbers.
      const owner = createDb({ url: ownerUrlOf(url), poolMax: 1 });
      try {
        expect((await db.raw('SELECT next_customer_number() AS n')).rows[0].n).toBe('C-000001');
        await owner.raw("SELECT setval('customer_number_seq', 999998)");
        const numbers = [];
        for (let i = 0; i < 3; i++) numbers.push((await db.raw('SELECT next_customer_number() AS n')).rows[0].n);
        expect(numbers).toEqual(['C-999999', 'C-1000000', 'C-1000001']);
      } finally {
        await db.destroy();
        await owner.destroy();
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

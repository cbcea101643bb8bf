import crypto from 'node:crypto';
import request from 'supertest';
import { rotateFieldKeys } from '../../../cli/rotate-field-keys';
import { createDb } from '../../../db';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { createTestApp } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeCustomer } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';

const key = (id: string) => `${id}:${crypto.randomBytes(32).toString('base64')}`;

describe('field key rotation', () => {
  it(
    're-encrypts every national id and document number under the new key; reads work before, during and after',
    async () => {
      const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
      const url = await createMigratedDatabase(adminUrl, 'policydesk_rotation');
      const oldKey = key('old');
      const newKey = key('new');
      const before = createTestApp({ env: { DATABASE_URL: url, FIELD_ENCRYPTION_KEY: oldKey } });
      const after = createTestApp({ env: { DATABASE_URL: url, FIELD_ENCRYPTION_KEY: newKey, FIELD_ENCRYPTION_PREVIOUS_KEYS: oldKey }, db: createDb({ url, poolMax: 2 }) });
      try {
        const branch = (await makeBranch(before.db)).id;
        const senior = (await loggedIn(before.app, before.db, { role: 'senior_agent', branchId: branch })).session;
        const { customer } = await makeCustomer(before.app, senior, branch, { nationalId: '246-80-1357' });
        await request(before.app)
          .post(`/api/customers/${customer.id}/kyc/verifications`)
          .set(senior.auth)
          .set('If-Match', '"1"')
          .send({ documentType: 'passport', documentNumber: 'PX9876543', issuingCountry: 'US', expiryDate: '2040-01-01' })
          .expect(201);

        // New key in place, old one kept for decryption: existing values still read.
        const reveal = () => request(after.app).get(`/api/customers/${customer.id}/national-id`).set(senior.auth).expect(200);
        expect((await reveal()).body.nationalId).toBe('246-80-1357');

        expect(await rotateFieldKeys(after.db, after.services.fieldCrypto)).toBe(2);
        expect(await rotateFieldKeys(after.db, after.services.fieldCrypto)).toBe(0);
        expect((await after.db('customers').where({ id: customer.id }).first()).national_id_key_id).toBe('new');
        expect((await after.db('kyc_verifications').where({ customer_id: customer.id }).first()).document_number_key_id).toBe('new');

        // The old key can now be retired.
        const retired = createTestApp({ env: { DATABASE_URL: url, FIELD_ENCRYPTION_KEY: newKey }, db: createDb({ url, poolMax: 1 }) });
        expect((await request(retired.app).get(`/api/customers/${customer.id}/national-id`).set(senior.auth).expect(200)).body.nationalId).toBe('246-80-1357');
        // Exact search by national id (blind index) is unaffected by the rotation.
        expect((await request(retired.app).post('/api/customers/search').set(senior.auth).send({ nationalId: '246 80 1357' }).expect(200)).body.items).toHaveLength(1);
        await retired.close();
      } finally {
        await before.close();
        await after.close();
        await dropDatabase(adminUrl, url);
      }
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});

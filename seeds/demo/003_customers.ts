// A few hundred demo customers across both branches, in every status and KYC state, with KYC
// records, risk scores and status history. Loaded once, into a database without customers.
import type { Knex } from 'knex';
import { buildCustomerRow } from '../../backend/src/modules/customers/customer-row';
import { computeRisk } from '../../backend/src/modules/customers/risk-score';
import { maskTail } from '../../backend/src/platform/masking';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { SyntheticPeople } from '../support/synthetic-customers';

export const DEMO_CUSTOMER_COUNT = 300;

type Status = 'prospect' | 'active' | 'inactive' | 'deceased';
type Kyc = 'not_started' | 'pending' | 'verified' | 'rejected' | 'expired';

export async function seed(db: Knex, { clock, fieldCrypto }: SeedContext): Promise<void> {
  const [{ count }] = await db('customers').count<{ count: number }[]>('* as count');
  if (Number(count) > 0) return;
  const branches = Object.fromEntries((await db('branches').whereIn('code', ['NORTH', 'SOUTH']).select('code', 'id')).map((b) => [b.code, b.id]));
  const users = Object.fromEntries(
    (await db('users').whereIn('email', ['agent@demo.test', 'agent2@demo.test', 'senior@demo.test']).select('email', 'id')).map((u) => [u.email, u.id]),
  );
  if (!branches.NORTH || !branches.SOUTH) return;

  const people = new SyntheticPeople(20261121);
  const now = clock.now();
  const today = clock.businessDate(now);
  const ids: string[] = [];
  for (let i = 0; i < DEMO_CUSTOMER_COUNT; i++) {
    const north = i % 5 < 3;
    const agent = north
      ? people.pick([
          { value: users['agent@demo.test'], weight: 2 },
          { value: users['senior@demo.test'], weight: 1 },
        ])
      : users['agent2@demo.test'];
    const person = people.next(north ? branches.NORTH : branches.SOUTH, agent);
    const status = people.pick<Status>([
      { value: 'active', weight: 60 },
      { value: 'prospect', weight: 22 },
      { value: 'inactive', weight: 14 },
      { value: 'deceased', weight: 4 },
    ]);
    const kyc =
      status === 'prospect'
        ? people.pick<Kyc>([
            { value: 'not_started', weight: 6 },
            { value: 'pending', weight: 3 },
            { value: 'rejected', weight: 1 },
          ])
        : people.pick<Kyc>([
            { value: 'verified', weight: 75 },
            { value: 'expired', weight: 10 },
            { value: 'pending', weight: 8 },
            { value: 'rejected', weight: 4 },
            { value: 'not_started', weight: 3 },
          ]);
    const risk = computeRisk({
      dateOfBirth: person.dateOfBirth,
      today,
      occupationClass: person.occupationClass,
      smoker: person.smoker,
      country: person.address.country,
      kycStatus: kyc,
    });
    const verifiedAt = new Date(now.getTime() - people.int(30, 700) * 86_400_000);
    const row = {
      ...buildCustomerRow(person, person.phone, fieldCrypto, { now, createdBy: null }),
      status,
      status_reason: status === 'deceased' ? 'Death certificate received' : status === 'inactive' ? 'No active policy' : null,
      kyc_status: kyc,
      kyc_verified_at: kyc === 'verified' || kyc === 'expired' ? verifiedAt : null,
      kyc_expires_on:
        kyc === 'verified'
          ? new Date(verifiedAt.getTime() + 730 * 86_400_000).toISOString().slice(0, 10)
          : kyc === 'expired'
            ? new Date(now.getTime() - people.int(1, 120) * 86_400_000).toISOString().slice(0, 10)
            : null,
      risk_score: risk.score,
      risk_level: risk.level,
    };
    const [{ id }] = await db('customers')
      .insert({ ...row, customer_number: db.raw(`next_customer_number()`) })
      .returning('id');
    ids.push(id);
    await db('customer_status_history').insert([
      { customer_id: id, from_status: null, to_status: 'prospect', reason: 'Created', changed_at: now },
      ...(status !== 'prospect' ? [{ customer_id: id, from_status: 'prospect', to_status: status, reason: row.status_reason ?? 'First policy signed', changed_at: now }] : []),
    ]);
    await db('customer_risk_scores').insert({
      customer_id: id,
      score: risk.score,
      level: risk.level,
      formula_version: risk.formulaVersion,
      factors: JSON.stringify(risk.factors),
      reason: 'Demo data',
      computed_at: now,
    });
    if (kyc !== 'not_started') {
      const documentNumber = `${person.address.country}${people.int(10_000_000, 99_999_999)}`;
      const encrypted = fieldCrypto.encrypt(documentNumber, 'kyc_verifications.document_number');
      await db('kyc_verifications').insert({
        customer_id: id,
        document_type: people.pick([
          { value: 'passport', weight: 5 },
          { value: 'driving_licence', weight: 4 },
          { value: 'national_id_card', weight: 1 },
        ]),
        document_number_ciphertext: encrypted.ciphertext,
        document_number_key_id: encrypted.keyId,
        document_number_masked: maskTail(documentNumber),
        issuing_country: person.address.country,
        expiry_date: new Date(now.getTime() + people.int(200, 3000) * 86_400_000).toISOString().slice(0, 10),
        result: kyc === 'pending' ? 'pending' : kyc === 'rejected' ? 'rejected' : 'verified',
        result_reason: kyc === 'rejected' ? 'Photo does not match the customer' : null,
        checked_by: kyc === 'pending' ? null : users['senior@demo.test'],
        checked_at: kyc === 'pending' ? null : verifiedAt,
        created_at: verifiedAt,
        updated_at: verifiedAt,
        created_by: users['agent@demo.test'],
      });
    }
  }
  // Two customers who were found to be someone already on file.
  for (const [source, target] of [
    [ids[7], ids[3]],
    [ids[42], ids[12]],
  ] as [string, string][]) {
    const from = await db('customers').where({ id: source }).first('status');
    await db('customers').where({ id: source }).update({ status: 'merged', merged_into_id: target, status_reason: 'Duplicate record' });
    await db('customer_status_history').insert({ customer_id: source, from_status: from.status, to_status: 'merged', reason: 'Duplicate record', changed_at: now });
  }
}

// The demo's phone lines: "Customer service" (+1 800 596 3057) on the company hours, with voicemail
// after hours, and the "Claims hotline" (+1 800 252 4669) around the clock, whose key 9 is "an
// accident happening now" (an urgent case and the first free agent). Made through the voice
// module's own service, as the admin, so history and audit are what the product writes. Runs once:
// only while there are no phone lines. `npm run call:simulate -- --line +18005963057 --from … --digits 1`
// plays a call on them.
import type { Knex } from 'knex';
import type { CreatePhoneLineBody } from '../../backend/src/contracts/voice';
import { ROLE_PERMISSIONS } from '../../backend/src/contracts/permissions';
import type { Db } from '../../backend/src/db';
import type { Actor } from '../../backend/src/platform/actor';
import { Clock } from '../../backend/src/platform/clock';
import type { SeedContext } from '../../backend/src/platform/seeds';
import { createSharedServices } from '../../backend/src/modules/shared-services';
import { buildServiceDesk } from '../../backend/src/modules/service/service-desk';
import { PhoneLinesService } from '../../backend/src/modules/voice/phone-lines.service';

const ALL_DAY = [{ from: '00:00', to: '24:00' }];

export async function seed(db: Knex, { config }: SeedContext): Promise<void> {
  if (await db('voice_phone_lines').first('id')) return;
  const admin: { id: string; branch_id: string } | undefined = await db('users').where({ email: 'admin@demo.test' }).first('id', 'branch_id');
  if (!admin) return;
  const clock = new Clock(config.businessTimeZone);
  const services = createSharedServices(db as Db, clock, config);
  const desk = buildServiceDesk({ db: db as Db, clock, config, services });
  services.callIntake.bind(desk);
  const actor: Actor = {
    userId: admin.id,
    role: 'admin',
    branchId: admin.branch_id,
    branchIds: 'all',
    permissions: new Set(ROLE_PERMISSIONS.admin),
    mustChangePassword: false,
    sessionId: '',
  };
  const companyHours = await desk.calendars.rowForBranch(db, admin.branch_id);
  const name = 'Claims around the clock';
  let aroundTheClock: { id: string } | undefined = await db('service_calendars').where({ name }).first('id');
  if (!aroundTheClock) {
    const now = clock.now();
    [aroundTheClock] = await db('service_calendars')
      .insert({
        name,
        time_zone: config.businessTimeZone,
        hours: JSON.stringify({ mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY }),
        holidays: '[]',
        created_at: now,
        updated_at: now,
      })
      .returning('id');
  }
  const lines = new PhoneLinesService(db as Db, clock, services.audit, services.branches, services.callIntake, services.systemUsers);
  const common = { branchId: admin.branch_id, afterHours: 'voicemail', active: true } as const;
  const bodies: CreatePhoneLineBody[] = [
    {
      ...common,
      number: '+18005963057',
      name: 'Customer service',
      greeting: 'Thank you for calling Policydesk Insurance customer service.',
      calendarId: companyHours.id,
      menu: [
        { digit: '1', queue: 'claims', label: 'For a claim' },
        { digit: '2', queue: 'payments', label: 'For payments and invoices' },
        { digit: '3', queue: 'policy_changes', label: 'To change your policy' },
        { digit: '0', queue: 'agent', label: 'To speak to an agent' },
      ],
      urgent: null,
      voicemailPrompt: 'We are closed now. Please leave your name, your policy number and a short message after the tone, and we will call you back.',
    },
    {
      ...common,
      number: '+18002524669',
      name: 'Claims hotline',
      greeting: 'Policydesk Insurance claims hotline.',
      calendarId: aroundTheClock!.id,
      menu: [
        { digit: '1', queue: 'claims', label: 'To report a new claim or ask about one' },
        { digit: '0', queue: 'agent', label: 'To speak to an agent' },
      ],
      urgent: { digit: '9', label: 'If an accident is happening now' },
      voicemailPrompt: 'Please leave a message after the tone.',
    },
  ];
  for (const body of bodies) await lines.create(actor, body);
}

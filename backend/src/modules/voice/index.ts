// The voice module (issue 17, inbound calls): phone lines configured by admins and the phone
// providers' webhooks (Telnyx TeXML, Twilio TwiML), verified before anything else, that identify
// the caller, route by menu and open or join the case through the service desk's `callIntake`.
import { VOICE_AUDIT_ACTIONS, VOICE_ERROR_CODES, VOICE_PERMISSIONS } from '../../contracts/voice';
import { defineModule } from '../../platform/module';
import { VoiceCalls } from './calls.service';
import { PhoneLinesService } from './phone-lines.service';
import { registerVoiceRoutes } from './voice.routes';
import { WebhookVerifier } from './webhook-verifier';

export const voiceModule = defineModule({
  name: 'voice',
  permissions: VOICE_PERMISSIONS,
  auditActions: VOICE_AUDIT_ACTIONS,
  errorCodes: VOICE_ERROR_CODES,
  requires: ['audit', 'branches', 'callIntake', 'customerProfiles', 'policyFacts', 'systemUsers'],
  setup: ({ db, clock, config, services }) => ({
    lines: new PhoneLinesService(db, clock, services.audit, services.branches, services.callIntake, services.systemUsers),
    calls: new VoiceCalls(db, clock, services.callIntake, services.customerProfiles, services.policyFacts, services.systemUsers),
    verifier: new WebhookVerifier(config.voice, config.publicUrl),
  }),
  register: (ctx, { lines, calls, verifier }) => registerVoiceRoutes(ctx, lines, calls, verifier),
});

// The voice module (issue 17, inbound calls): phone lines configured by admins and the phone
// providers' webhooks (Telnyx TeXML, Twilio TwiML), verified before anything else, that identify
// the caller, route by menu and open or join the case through the service desk's `callIntake`; and
// the screen pop: the routed call rings in the console of the agents available in its queue.
import { registerVoiceMetrics } from './voice.metrics';
import { VOICE_AUDIT_ACTIONS, VOICE_ERROR_CODES, VOICE_PERMISSIONS } from '../../contracts/voice';
import { defineModule } from '../../platform/module';
import { VoiceCalls } from './calls.service';
import { LINE_MONITOR_JOB, LineMonitor } from './line-monitor.service';
import { PhoneLinesService } from './phone-lines.service';
import { SCREEN_POP_CHANNEL, ScreenPopHub } from './screen-pop.hub';
import { registerScreenPopRoutes } from './screen-pop.routes';
import { RING_TIMEOUT_JOB, ScreenPop } from './screen-pop.service';
import { registerVoiceRoutes } from './voice.routes';
import { WebhookVerifier } from './webhook-verifier';

export const voiceModule = defineModule({
  name: 'voice',
  permissions: VOICE_PERMISSIONS,
  auditActions: VOICE_AUDIT_ACTIONS,
  errorCodes: VOICE_ERROR_CODES,
  requires: ['audit', 'branches', 'callIntake', 'customerExtensions', 'customerProfiles', 'notifications', 'policyFacts', 'systemUsers', 'tasks'],
  setup: ({ db, clock, config, jobs, logger, notifications, services }) => {
    const pop = new ScreenPop(
      db,
      clock,
      jobs,
      config.voice.ringTimeoutSeconds,
      services.audit,
      services.customerProfiles,
      services.customerExtensions,
      services.tasks,
      services.notifications,
      services.callIntake,
    );
    const hub = new ScreenPopHub(pop, logger);
    notifications.subscribe(SCREEN_POP_CHANNEL, hub);
    return {
      lines: new PhoneLinesService(db, clock, services.audit, services.branches, services.callIntake, services.systemUsers),
      calls: new VoiceCalls(db, clock, services.callIntake, services.customerProfiles, services.policyFacts, services.systemUsers, pop),
      verifier: new WebhookVerifier(config.voice, config.publicUrl),
      monitor: new LineMonitor(db, clock, services.tasks),
      pop,
      hub,
    };
  },
  jobs: (_ctx, { pop, monitor }) => [
    // Every minute: each watched line's window against its thresholds; one alert task per breach episode.
    {
      name: LINE_MONITOR_JOB,
      schedule: '* * * * *',
      retryLimit: 0,
      expireInSeconds: 5 * 60,
      handler: async (data: { lineIds?: string[] } | undefined) => {
        await monitor.run(data ?? {});
      },
    },
    // Queued when a call starts ringing, to start when its ring time ends: nobody took it → a missed call.
    { name: RING_TIMEOUT_JOB, retryLimit: 5, retryDelaySeconds: 10, handler: async (data: { ringingId: string }) => pop.missed(data.ringingId) },
  ],
  register: (ctx, { lines, calls, verifier, monitor, pop, hub }) => {
    registerVoiceRoutes(ctx, lines, calls, verifier, monitor, ctx.services.notifications);
    registerScreenPopRoutes(ctx, pop, hub);
    registerVoiceMetrics(ctx.metrics);
    return { start: async () => hub.reopen(), drain: () => hub.close(), stop: async () => hub.close() };
  },
});

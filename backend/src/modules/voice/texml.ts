// TeXML (Telnyx) and TwiML (Twilio) documents: the same verbs, so one builder; the few attributes
// that differ (Record's transcription) are chosen by provider.
import type { VoiceProvider } from '../../contracts/voice';

export type Verb =
  | { say: string }
  | { gather: { action: string; numDigits?: number; finishOnKey?: string; timeout: number; say: string[] } }
  | { record: { action: string; transcriptionCallback: string; maxLength: number } }
  | { enqueue: string }
  | { dial: string }
  | { redirect: string }
  | { hangup: true };

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const attrs = (a: Record<string, string | number | undefined>) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escape(String(v))}"`)
    .join('');

function verb(provider: VoiceProvider, v: Verb): string {
  if ('say' in v) return `<Say>${escape(v.say)}</Say>`;
  if ('gather' in v) {
    const g = v.gather;
    return `<Gather${attrs({ input: 'dtmf', action: g.action, method: 'POST', numDigits: g.numDigits, finishOnKey: g.finishOnKey, timeout: g.timeout })}>${g.say.map((s) => `<Say>${escape(s)}</Say>`).join('')}</Gather>`;
  }
  if ('record' in v) {
    const r = v.record;
    const transcription =
      provider === 'twilio' ? { transcribe: 'true', transcribeCallback: r.transcriptionCallback } : { transcription: 'true', transcriptionCallback: r.transcriptionCallback };
    return `<Record${attrs({ action: r.action, method: 'POST', maxLength: r.maxLength, playBeep: 'true', ...transcription })}/>`;
  }
  if ('enqueue' in v) return `<Enqueue>${escape(v.enqueue)}</Enqueue>`;
  if ('dial' in v) return `<Dial>${escape(v.dial)}</Dial>`;
  if ('redirect' in v) return `<Redirect method="POST">${escape(v.redirect)}</Redirect>`;
  return '<Hangup/>';
}

export function texml(provider: VoiceProvider, verbs: readonly Verb[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${verbs.map((v) => verb(provider, v)).join('')}</Response>`;
}

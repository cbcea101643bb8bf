// `npm run call:simulate -- --line +18005963057 --from +12125550123 --digits 1`
// Plays a whole inbound call against the local server as the phone provider would: the incoming
// webhook, the key presses the server's Gather asks for (a policy number with --policy, the menu
// keys from --digits, one per menu; none left = no key pressed), the voicemail and its transcription
// when the line is closed, then the status callbacks (in progress, completed). With --wait the caller
// stays in the queue instead (no final status: the call rings in the agents' consoles until someone
// takes it, or it times out); without it, a caller handed to a queue hangs up at once, which ends the
// ring as a missed call. Every request is
// signed like the provider's own: Telnyx (default) with the local Ed25519 private key, Twilio with
// the local auth token over PUBLIC_URL + path + parameters.
//
// The keys: local mode generates them once into DATA_DIR/secrets.json (0600), which the server reads
// at start and this command reads too — run both with the same DATA_DIR (and PUBLIC_URL). Production
// has no private key to sign with: the command refuses to run there.
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { localWebhookSigner } from '../modules/voice/local-signer';

const USAGE =
  'usage: npm run call:simulate -- --line <E.164> --from <E.164> [--digits 1] [--policy 123] [--provider telnyx|twilio] [--url http://127.0.0.1:3000] [--duration 60] [--transcription "…"] [--wait]\n';

const attr = (tag: string, name: string) => tag.match(new RegExp(`${name}="([^"]*)"`))?.[1]?.replace(/&amp;/g, '&');

async function main() {
  const { values } = parseArgs({
    options: {
      line: { type: 'string' },
      from: { type: 'string' },
      digits: { type: 'string', default: '' },
      policy: { type: 'string', default: '' },
      provider: { type: 'string', default: 'telnyx' },
      url: { type: 'string' },
      duration: { type: 'string', default: '60' },
      transcription: { type: 'string', default: 'Hello, this is a test message left by call:simulate. Please call me back.' },
      /** The caller waits in the queue: no final status is sent. */
      wait: { type: 'boolean', default: false },
    },
  });
  const provider = values.provider;
  if (!values.line || !values.from || (provider !== 'telnyx' && provider !== 'twilio')) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const signer = localWebhookSigner(config, 'call:simulate');
  const base = (values.url ?? `http://127.0.0.1:${config.port}`).replace(/\/$/, '');
  const callSid = `SIM${crypto.randomBytes(12).toString('hex')}`;
  const menuKeys = [...values.digits];

  async function post(path: string, params: Record<string, string>): Promise<string> {
    const all = { CallSid: callSid, AccountSid: 'ACsimulated', From: values.from!, To: values.line!, ...params };
    const body = new URLSearchParams(all).toString();
    const headers = signer.headers(provider as 'telnyx' | 'twilio', path, all, body);
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body });
    const text = await res.text();
    process.stdout.write(`\n→ POST ${path} ${params.Digits !== undefined ? `(keys "${params.Digits}") ` : ''}← ${res.status}\n${text}\n`);
    if (!res.ok) throw new Error(`The server answered ${res.status}: ${text}`);
    return text;
  }

  process.stdout.write(`Simulated ${provider} call ${callSid} from ${values.from} to ${values.line} on ${base}\n`);
  await post(`/api/voice/${provider}/status`, { CallStatus: 'ringing', SequenceNumber: '0' });
  let document = await post(`/api/voice/${provider}/incoming`, { CallStatus: 'ringing' });
  // Follow the server's instructions until it hands the caller to a queue or hangs up (bounded).
  for (let step = 0; step < 10; step++) {
    const gather = document.match(/<Gather[^>]*>/)?.[0];
    const record = document.match(/<Record[^>]*\/>/)?.[0];
    if (gather) {
      const action = attr(gather, 'action')!;
      const keys = action.includes('/policy') ? (values.policy ? `${values.policy}#` : '') : (menuKeys.shift() ?? '');
      // No key: the provider follows the Redirect after the Gather, to the same action without Digits.
      document = await post(action, keys ? { Digits: keys } : {});
    } else if (record) {
      await post(attr(record, 'action')!, { RecordingUrl: `https://recordings.invalid/${callSid}.mp3`, RecordingDuration: '12' });
      await post(attr(record, 'transcriptionCallback') ?? attr(record, 'transcribeCallback')!, {
        TranscriptionText: values.transcription!,
        TranscriptionStatus: 'completed',
        RecordingUrl: `https://recordings.invalid/${callSid}.mp3`,
      });
      break;
    } else break;
  }
  await post(`/api/voice/${provider}/status`, { CallStatus: 'in-progress', SequenceNumber: '1' });
  const queue = document.match(/<Enqueue[^>]*>([^<]*)<\/Enqueue>/)?.[1];
  if (queue && values.wait) {
    process.stdout.write(`\nCall ${callSid} waits in the ${queue} queue: it rings in the consoles of the agents available there until one takes it.\n`);
    return;
  }
  await post(`/api/voice/${provider}/status`, {
    CallStatus: 'completed',
    CallDuration: values.duration!,
    SequenceNumber: '2',
    RecordingUrl: `https://recordings.invalid/${callSid}.mp3`,
  });
  process.stdout.write(`\nCall ${callSid} done: its case and logged call are on the customer's page (or, for an unknown number, in the line's branch queue).\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});

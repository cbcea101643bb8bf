// Signs phone-provider webhooks with local mode's keys, exactly as the provider would: Telnyx with
// the Ed25519 private key, Twilio with the auth token over PUBLIC_URL + path + parameters. The keys
// are the ones the server generated into DATA_DIR/secrets.json (run with the same DATA_DIR and
// PUBLIC_URL). Used by `npm run call:simulate` and `npm run bench:voice`. Production has no private
// key to sign with: it refuses there.
import crypto from 'node:crypto';
import type { Config } from '../../config';
import { loadLocalSecrets } from '../../platform/secrets';
import { TELNYX_SIGNATURE_HEADER, TELNYX_TIMESTAMP_HEADER, TWILIO_SIGNATURE_HEADER, signTelnyx, twilioSignature } from './signatures';

export interface LocalWebhookSigner {
  /** The headers of a form-encoded webhook request to `path` with these parameters, signed for `provider`. */
  headers(provider: 'telnyx' | 'twilio', path: string, params: Record<string, string>, body: string): Record<string, string>;
}

export function localWebhookSigner(config: Config, what = 'This command'): LocalWebhookSigner {
  if (config.isProduction) throw new Error(`${what} signs with the local keys: it runs in local mode only.`);
  const local = loadLocalSecrets(config);
  const telnyxKey = crypto.createPrivateKey(local.voiceTelnyxPrivateKey);
  const twilioToken = config.voice.twilioAuthToken ?? local.voiceTwilioAuthToken;
  const telnyxUsable = !config.voice.telnyxPublicKey || config.voice.telnyxPublicKey === local.voiceTelnyxPublicKey;
  return {
    headers(provider, path, params, body) {
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (provider === 'telnyx') {
        if (!telnyxUsable)
          throw new Error('TELNYX_PUBLIC_KEY is set to another key than the local one: the server would refuse these signatures. Use --provider twilio, or unset it.');
        const timestamp = Math.floor(Date.now() / 1000);
        headers[TELNYX_TIMESTAMP_HEADER] = String(timestamp);
        headers[TELNYX_SIGNATURE_HEADER] = signTelnyx(body, telnyxKey, timestamp);
      } else {
        headers[TWILIO_SIGNATURE_HEADER] = twilioSignature(twilioToken, `${config.publicUrl}${path}`, Object.entries(params));
      }
      return headers;
    },
  };
}

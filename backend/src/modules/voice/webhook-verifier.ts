// Which webhook requests are the providers' own: built once from the configuration (the keys are
// KeyObjects made at start, so a bad key fails there, not on every call).
import type { KeyObject } from 'node:crypto';
import type { Config } from '../../config';
import type { VoiceProvider } from '../../contracts/voice';
import { AppError, ForbiddenError } from '../../platform/errors';
import { telnyxPublicKey, verifyTelnyx, verifyTwilio, type SignatureCheck } from './signatures';

export interface WebhookRequest {
  /** The body exactly as received. */
  rawBody: Buffer;
  /** The path and query the provider called (`req.originalUrl`). */
  pathAndQuery: string;
  header(name: string): string | undefined;
  /** The POST parameters in the order received (Twilio's signature sorts them). */
  params: readonly (readonly [string, string])[];
}

export class WebhookVerifier {
  private readonly telnyxKey?: KeyObject;
  private readonly twilioToken?: string;
  private readonly providers: ReadonlySet<VoiceProvider>;

  constructor(
    voice: Config['voice'],
    /** The configured public base URL (PUBLIC_URL): what Twilio signed, whatever Host a proxy passes on. */
    private readonly publicUrl: string,
  ) {
    this.providers = new Set(voice.providers);
    if (voice.telnyxPublicKey) this.telnyxKey = telnyxPublicKey(voice.telnyxPublicKey);
    this.twilioToken = voice.twilioAuthToken;
  }

  /** Throws 403 VOICE_SIGNATURE_INVALID (or 503 VOICE_NOT_CONFIGURED) unless the request is the provider's. */
  verify(provider: VoiceProvider, request: WebhookRequest, nowSeconds: number): void {
    let check: SignatureCheck;
    if (provider === 'telnyx') {
      if (!this.providers.has('telnyx') || !this.telnyxKey) throw notConfigured(provider);
      check = verifyTelnyx({
        rawBody: request.rawBody,
        signature: request.header('telnyx-signature-ed25519'),
        timestamp: request.header('telnyx-timestamp'),
        publicKey: this.telnyxKey,
        nowSeconds,
      });
    } else {
      if (!this.providers.has('twilio') || !this.twilioToken) throw notConfigured(provider);
      check = verifyTwilio({
        authToken: this.twilioToken,
        url: `${this.publicUrl}${request.pathAndQuery}`,
        params: request.params,
        signature: request.header('x-twilio-signature'),
      });
    }
    if (check !== 'ok')
      throw new ForbiddenError('VOICE_SIGNATURE_INVALID', `The request is not signed by ${provider} (${check.replace('_', ' ')}); nothing was done.`, { reason: check });
  }
}

function notConfigured(provider: VoiceProvider) {
  return new AppError(503, 'VOICE_NOT_CONFIGURED', 'Service unavailable', `Calls from ${provider} are not answered here (VOICE_PROVIDERS and its key).`);
}

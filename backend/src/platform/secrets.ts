// Local mode generates its secrets once into DATA_DIR/secrets.json (mode 0600), so restarts keep
// sessions and encrypted data valid. Production takes them from the environment only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config, Secrets } from '../config';

export interface LocalSecrets extends Secrets {
  /** The embedded cluster's superuser (`postgres`), which owns the tables and runs the migrations. */
  embeddedPostgresPassword: string;
  /** The embedded cluster's runtime role (`policydesk_app`), which the app's connections use. */
  embeddedAppPassword: string;
  /** Local telephony: the Ed25519 key pair `call:simulate` signs Telnyx webhooks with (PKCS#8 PEM; raw public key in base64). */
  voiceTelnyxPrivateKey: string;
  voiceTelnyxPublicKey: string;
  /** Local telephony: the Twilio auth token `call:simulate` signs with. */
  voiceTwilioAuthToken: string;
}

function ed25519Pair(): { privatePem: string; publicRaw: string } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), publicRaw: Buffer.from(jwk.x!, 'base64url').toString('base64') };
}

const random = (bytes = 32) => crypto.randomBytes(bytes).toString('base64');

/** Reads DATA_DIR/secrets.json, adding any missing secret; environment values take precedence. */
export function loadLocalSecrets(config: Config): LocalSecrets {
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  // As root, the embedded PostgreSQL runs as the `postgres` user, which must be able to reach its
  // folder inside DATA_DIR (traverse only; secrets.json itself stays 0600).
  if (process.getuid?.() === 0) fs.chmodSync(config.dataDir, 0o711);
  const file = path.join(config.dataDir, 'secrets.json');
  const stored: Partial<LocalSecrets> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  const pair = stored.voiceTelnyxPrivateKey && stored.voiceTelnyxPublicKey ? undefined : ed25519Pair();
  const complete: LocalSecrets = {
    jwtSigningKey: stored.jwtSigningKey ?? random(),
    fieldEncryptionKey: stored.fieldEncryptionKey ?? `local1:${random()}`,
    blindIndexKey: stored.blindIndexKey ?? random(),
    embeddedPostgresPassword: stored.embeddedPostgresPassword ?? crypto.randomBytes(18).toString('base64url'),
    embeddedAppPassword: stored.embeddedAppPassword ?? crypto.randomBytes(18).toString('base64url'),
    voiceTelnyxPrivateKey: pair ? pair.privatePem : stored.voiceTelnyxPrivateKey!,
    voiceTelnyxPublicKey: pair ? pair.publicRaw : stored.voiceTelnyxPublicKey!,
    voiceTwilioAuthToken: stored.voiceTwilioAuthToken ?? crypto.randomBytes(16).toString('hex'),
  };
  if (JSON.stringify(complete) !== JSON.stringify(stored)) {
    fs.writeFileSync(file, JSON.stringify(complete, null, 2) + '\n', { mode: 0o600 });
  }
  fs.chmodSync(file, 0o600);
  return {
    ...complete,
    jwtSigningKey: config.secrets.jwtSigningKey ?? complete.jwtSigningKey,
    fieldEncryptionKey: config.secrets.fieldEncryptionKey ?? complete.fieldEncryptionKey,
    blindIndexKey: config.secrets.blindIndexKey ?? complete.blindIndexKey,
  };
}

/** Local mode: the voice keys the environment does not set come from DATA_DIR/secrets.json. */
export function withLocalVoiceKeys(voice: Config['voice'], local: LocalSecrets): Config['voice'] {
  return { ...voice, telnyxPublicKey: voice.telnyxPublicKey ?? local.voiceTelnyxPublicKey, twilioAuthToken: voice.twilioAuthToken ?? local.voiceTwilioAuthToken };
}

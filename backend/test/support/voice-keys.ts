// Fixed telephony keys of the API tests: an Ed25519 key pair from a fixed seed (the private half
// signs the tests' Telnyx webhooks, the public half is TELNYX_PUBLIC_KEY) and a Twilio auth token.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** PKCS#8 DER of an Ed25519 private key is this prefix followed by the 32-byte seed. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function ed25519FromSeed(seed: Buffer): { privateKey: KeyObject; publicKeyBase64: string } {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x!;
  return { privateKey, publicKeyBase64: Buffer.from(x, 'base64url').toString('base64') };
}

export const TEST_TELNYX = ed25519FromSeed(Buffer.alloc(32, 7));
export const TEST_TWILIO_AUTH_TOKEN = 'twiliotesttoken0123456789abcdef0';

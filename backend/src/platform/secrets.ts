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
  const complete: LocalSecrets = {
    jwtSigningKey: stored.jwtSigningKey ?? random(),
    fieldEncryptionKey: stored.fieldEncryptionKey ?? `local1:${random()}`,
    blindIndexKey: stored.blindIndexKey ?? random(),
    embeddedPostgresPassword: stored.embeddedPostgresPassword ?? crypto.randomBytes(18).toString('base64url'),
    embeddedAppPassword: stored.embeddedAppPassword ?? crypto.randomBytes(18).toString('base64url'),
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

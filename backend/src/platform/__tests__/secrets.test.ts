import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../config';
import { loadLocalSecrets } from '../secrets';

describe('local secrets', () => {
  it('are generated once into DATA_DIR/secrets.json with mode 0600 and reused on the next start', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-secrets-'));
    try {
      const config = loadConfig({ DATA_DIR: dir });
      const first = loadLocalSecrets(config);
      const file = path.join(dir, 'secrets.json');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(first.jwtSigningKey, 'base64')).toHaveLength(32);
      expect(loadLocalSecrets(config)).toEqual(first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets an environment value override the generated one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-secrets-'));
    try {
      const key = Buffer.alloc(32, 1).toString('base64');
      expect(loadLocalSecrets(loadConfig({ DATA_DIR: dir, JWT_SIGNING_KEY: key })).jwtSigningKey).toBe(key);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

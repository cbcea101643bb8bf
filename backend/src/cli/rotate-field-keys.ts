// `npm run rotate-field-keys`: re-encrypts every protected value (customers' national ids, KYC
// document numbers, TOTP secrets) that is not yet under the current FIELD_ENCRYPTION_KEY. Run it after putting
// the new key in FIELD_ENCRYPTION_KEY and the old one in FIELD_ENCRYPTION_PREVIOUS_KEYS; when it
// reports nothing left, the old key can be retired. Batched and resumable: safe to run again.
import { loadConfig, type Config } from '../config';
import type { Db } from '../db';
import { createFieldCrypto } from '../modules/shared-services';
import { ENCRYPTED_COLUMNS } from '../platform/data-inventory';
import { openDatabase } from '../platform/database-connection';
import type { FieldCrypto } from '../platform/field-crypto';
import { createLogger } from '../platform/logger';
import { loadLocalSecrets } from '../platform/secrets';

const BATCH = 1_000;

export async function rotateFieldKeys(db: Db, crypto: FieldCrypto, log: (line: string) => void = () => undefined): Promise<number> {
  let total = 0;
  for (const column of ENCRYPTED_COLUMNS) {
    for (;;) {
      const rewritten = await db.transaction(async (trx) => {
        const rows: { id: string; key_id: string; ciphertext: string }[] = await trx(column.table)
          .whereNotNull(column.keyId)
          .whereNot(column.keyId, crypto.currentKeyId)
          .select('id', `${column.keyId} as key_id`, `${column.ciphertext} as ciphertext`)
          .limit(BATCH)
          .forUpdate()
          .skipLocked();
        for (const row of rows) {
          const plain = crypto.decrypt({ keyId: row.key_id, ciphertext: row.ciphertext }, column.context);
          const fresh = crypto.encrypt(plain, column.context);
          await trx(column.table)
            .where({ id: row.id })
            .update({ [column.keyId]: fresh.keyId, [column.ciphertext]: fresh.ciphertext });
        }
        return rows.length;
      });
      total += rewritten;
      if (rewritten) log(`  ${column.table}.${column.ciphertext}: ${rewritten} re-encrypted`);
      if (rewritten < BATCH) break;
    }
  }
  return total;
}

async function main() {
  const base = loadConfig();
  const config: Config = base.isProduction ? base : { ...base, secrets: loadLocalSecrets(base) };
  const { db, close } = await openDatabase(config, createLogger('warn'));
  try {
    const crypto = createFieldCrypto(config);
    process.stdout.write(`Re-encrypting protected fields with key ${crypto.currentKeyId}…\n`);
    const total = await rotateFieldKeys(db, crypto, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(total ? `Done: ${total} values re-encrypted.\n` : 'Nothing to do: every value already uses the current key.\n');
  } finally {
    await close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  });
}

import { dropDatabase } from './support/test-database';

export default async function globalTeardown() {
  const server = globalThis.__policydeskTestServer;
  const url = process.env.POLICYDESK_TEST_DATABASE_URL;
  if (server && url) await dropDatabase(server.adminUrl, url);
  await server?.stop();
}

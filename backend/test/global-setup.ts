import { createMigratedDatabase, startTestServer, type TestServer } from './support/test-database';

declare global {
  var __policydeskTestServer: TestServer | undefined;
}

export default async function globalSetup() {
  const server = await startTestServer();
  globalThis.__policydeskTestServer = server;
  process.env.POLICYDESK_TEST_ADMIN_URL = server.adminUrl;
  // Workers inherit this: every API test talks to this migrated database.
  process.env.POLICYDESK_TEST_DATABASE_URL = await createMigratedDatabase(server.adminUrl, 'policydesk_api_test');
}

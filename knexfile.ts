// Knex configuration for ad-hoc use of the knex CLI against DATABASE_URL, e.g.
//   DATABASE_URL=postgres://… NODE_OPTIONS='--import tsx' npx knex --knexfile knexfile.ts migrate:list
// The server and `npm run migrate` use the same migration source (names stored without extension).
import type { Knex } from 'knex';
import { migrationConfig } from './backend/src/platform/migrations';

const config: Knex.Config = {
  client: 'pg',
  connection: process.env.DATABASE_URL,
  migrations: migrationConfig(),
};

export default config;

-- The runtime role Policydesk connects as (DATABASE_URL): it logs in and may do nothing else by
-- itself. The app grants it its privileges at every start, as the owner role (MIGRATION_DATABASE_URL):
-- read and write the business tables, only read and append to the audit trail and the ledger.
-- Run by the db-roles service of docker-compose.yml at every `docker compose up`: creates the role on
-- a new volume and on one made before it existed, and keeps its password equal to APP_DB_PASSWORD.
--   psql -v app_role=policydesk_app -v app_password=… -f db-roles.sql
SELECT format('CREATE ROLE %I LOGIN', :'app_role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_role') \gexec
SELECT format('ALTER ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L', :'app_role', :'app_password') \gexec

-- The role the streaming replica (docker-compose.yml's db-replica) connects as: it may log in for
-- replication and nothing else. Run by the db-roles service at every `docker compose up`; keeps its
-- password equal to REPLICATION_PASSWORD.
--   psql -v replication_password=… -f replication-role.sql
SELECT 'CREATE ROLE replicator LOGIN REPLICATION'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'replicator') \gexec
SELECT format('ALTER ROLE replicator WITH LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD %L', :'replication_password') \gexec

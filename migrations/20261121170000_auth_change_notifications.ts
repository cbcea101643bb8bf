import type { Knex } from 'knex';

// Every change that can end or narrow a user's access announces itself on the 'auth_changed'
// channel (delivered at commit), so each API instance can drop what it cached about that user.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- Each statement is planned only when reached, so NEW.id / NEW.user_id match the table.
    CREATE FUNCTION notify_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_TABLE_NAME = 'users' THEN
        PERFORM pg_notify('auth_changed', NEW.id::text);
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('auth_changed', OLD.user_id::text);
      ELSE
        PERFORM pg_notify('auth_changed', NEW.user_id::text);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER users_auth_changed AFTER UPDATE OF token_version, active, role, branch_id, must_change_password ON users
      FOR EACH ROW EXECUTE FUNCTION notify_auth_changed();
    CREATE TRIGGER auth_sessions_auth_changed AFTER UPDATE OF revoked_at ON auth_sessions
      FOR EACH ROW EXECUTE FUNCTION notify_auth_changed();
    CREATE TRIGGER user_managed_branches_auth_changed AFTER INSERT OR DELETE ON user_managed_branches
      FOR EACH ROW EXECUTE FUNCTION notify_auth_changed();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER user_managed_branches_auth_changed ON user_managed_branches;
    DROP TRIGGER auth_sessions_auth_changed ON auth_sessions;
    DROP TRIGGER users_auth_changed ON users;
    DROP FUNCTION notify_auth_changed();
  `);
}

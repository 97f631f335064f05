-- Token authentications are cached in each app process. Any change that could make a cached
-- answer wrong (a token revoked, deleted or re-scoped; a user blocked, deleted, made admin or
-- renamed) notifies every process on commit, and each one drops its cache. Triggers rather than
-- application code, so no write path can forget. Writes of last_used_at do not fire them.
CREATE FUNCTION keyhold_notify_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('keyhold_auth_changed', '');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER access_tokens_auth_changed
  AFTER UPDATE OF revoked, expires_at, scopes, user_id, project_id, access_level, digest, kind OR DELETE ON access_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION keyhold_notify_auth_changed();--> statement-breakpoint
CREATE TRIGGER users_auth_changed
  AFTER UPDATE OF state, is_admin, user_type, username, name, bot_project_id OR DELETE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION keyhold_notify_auth_changed();

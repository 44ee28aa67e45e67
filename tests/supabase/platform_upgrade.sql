-- What a platform upgrade changes on its own: none of it is the user's to diff.
ALTER TABLE auth.users ADD COLUMN phone text;
CREATE TABLE auth.sessions (id uuid PRIMARY KEY, user_id uuid REFERENCES auth.users (id), created_at timestamptz);
CREATE INDEX sessions_user ON auth.sessions (user_id);
CREATE OR REPLACE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT coalesce(nullif(current_setting('request.jwt.claim.role', true), ''), 'anon')::text $$;
CREATE TABLE storage.migrations (id int PRIMARY KEY, name text);
ALTER PUBLICATION supabase_realtime SET (publish = 'insert, update');
ALTER PUBLICATION supabase_realtime ADD TABLE realtime.messages;
CREATE PUBLICATION platform_internal;

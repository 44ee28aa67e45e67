-- pgdrift 0.1.0: SQL that turns FROM into TO
-- from: platform
-- to:   platform + user
-- 11 statement(s)

BEGIN;

SET LOCAL check_function_bodies = off;
CREATE TABLE "public"."profiles" (
    "id" uuid NOT NULL,
    "username" text,
    "avatar_url" text,
    "updated_at" timestamp with time zone
);
ALTER TABLE "public"."profiles" ENABLE ROW LEVEL SECURITY;
CREATE OR REPLACE FUNCTION public.handle_new_user()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$ BEGIN INSERT INTO public.profiles (id) VALUES (new.id); RETURN new; END $function$;
ALTER TABLE "public"."profiles" ADD CONSTRAINT "profiles_id_fkey" FOREIGN KEY (id) REFERENCES auth.users(id) ON DELETE CASCADE;
ALTER TABLE "public"."profiles" ADD CONSTRAINT "profiles_pkey" PRIMARY KEY (id);
ALTER TABLE "public"."profiles" ADD CONSTRAINT "profiles_username_key" UNIQUE (username);
CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();
CREATE POLICY "Public profiles are viewable by everyone." ON "public"."profiles" AS PERMISSIVE FOR SELECT TO PUBLIC USING (true);
CREATE POLICY "Users can update own profile." ON "public"."profiles" AS PERMISSIVE FOR UPDATE TO authenticated USING ((( SELECT auth.uid() AS uid) = id));
CREATE POLICY "Avatar images are publicly accessible." ON "storage"."objects" AS PERMISSIVE FOR SELECT TO PUBLIC USING ((bucket_id = 'avatars'::text));
ALTER PUBLICATION "supabase_realtime" ADD TABLE "public"."profiles";

COMMIT;

DROP TABLE IF EXISTS public.user_profiles CASCADE;
DELETE FROM sys_table_definitions WHERE table_schema = 'public' AND table_name = 'user_profiles';

DROP TABLE IF EXISTS public.documents CASCADE;
DELETE FROM sys_table_definitions WHERE table_schema = 'public' AND table_name = 'documents';

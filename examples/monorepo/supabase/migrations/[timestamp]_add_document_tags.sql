-- Draft, not yet given a version: rename it to <timestamp>_add_document_tags.sql when it is ready.
ALTER TABLE public.documents ADD COLUMN tags TEXT[] DEFAULT '{}';

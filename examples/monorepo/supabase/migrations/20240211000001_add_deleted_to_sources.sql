-- sources_google was created in the hosted database before the migrations were kept here (no
-- migration creates it): replaying the history on an empty database reports this one as failing.
ALTER TABLE sources_google ADD COLUMN IF NOT EXISTS is_deleted BOOLEAN DEFAULT FALSE;

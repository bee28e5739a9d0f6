-- The unified archive and its summary view, exactly as the phase 1 plan defines them. The plan's
-- table moves and legacy folding are not here: they change a user's data, so they are the explicit
-- `scenario archive consolidate` command (dry-run by default).

CREATE TABLE sys_unified_archive (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    item_type TEXT NOT NULL CHECK (item_type IN ('code', 'table', 'document', 'script', 'package')),
    original_path TEXT NOT NULL,
    archive_path TEXT,
    archived_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    archived_by TEXT DEFAULT CURRENT_USER,
    reason TEXT,
    size_bytes BIGINT,
    metadata JSONB,
    restoration_notes TEXT
);

CREATE VIEW sys_archive_summary_view AS
SELECT 
    item_type,
    COUNT(*) as total_items,
    MIN(archived_at) as earliest_archive,
    MAX(archived_at) as latest_archive,
    COUNT(DISTINCT archived_by) as unique_archivers
FROM sys_unified_archive
GROUP BY item_type;

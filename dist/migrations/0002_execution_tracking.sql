-- Execution tracking: runs, their steps (each a checkpoint commit with its check run), the
-- checklist items of manual steps, webhook deliveries seen, and the per-target locks.
-- Locks and idempotency are rows with unique keys, so they hold across processes and replicas on a
-- real server (PGlite's advisory locks would not).

CREATE TABLE scenario_runs (
    id TEXT PRIMARY KEY,
    scenario_id TEXT NOT NULL,
    params JSONB NOT NULL DEFAULT '{}'::jsonb,
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'waiting', 'succeeded', 'failed', 'rolled_back', 'cancelled')),
    repository TEXT NOT NULL,
    target TEXT NOT NULL,
    branch TEXT NOT NULL,
    base_branch TEXT NOT NULL,
    base_sha TEXT,
    head_sha TEXT,
    issue_number INTEGER,
    pull_request INTEGER,
    triggered_by TEXT,
    error TEXT,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX scenario_runs_repository_idx ON scenario_runs (repository, created_at DESC);
CREATE INDEX scenario_runs_status_idx ON scenario_runs (status);

CREATE TABLE scenario_step_runs (
    run_id TEXT NOT NULL REFERENCES scenario_runs(id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL CHECK (step_index >= 0),
    scenario_id TEXT NOT NULL,
    step_number INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('manual', 'automated', 'validation', 'checkpoint')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped', 'waiting')),
    commit_sha TEXT, -- the checkpoint commit this step made
    check_run_id BIGINT, -- the GitHub check run reporting it
    started_at TIMESTAMP WITH TIME ZONE,
    finished_at TIMESTAMP WITH TIME ZONE,
    output_tail TEXT,
    error TEXT,
    PRIMARY KEY (run_id, step_index)
);

CREATE TABLE scenario_manual_tasks (
    run_id TEXT NOT NULL REFERENCES scenario_runs(id) ON DELETE CASCADE,
    step_index INTEGER NOT NULL,
    item INTEGER NOT NULL CHECK (item >= 0),
    text TEXT NOT NULL,
    done BOOLEAN NOT NULL DEFAULT false,
    done_by TEXT,
    done_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, step_index, item)
);

CREATE TABLE webhook_deliveries (
    delivery_id TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE scenario_locks (
    lock_key TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

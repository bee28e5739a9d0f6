-- The run's checklist is the comment the bot wrote for it, recorded by id when it is posted: ticks are
-- read from that comment only, never from whichever comment carries the checklist's markers.
ALTER TABLE scenario_runs ADD COLUMN checklist_comment_id BIGINT;

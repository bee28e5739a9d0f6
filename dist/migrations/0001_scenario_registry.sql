-- The scenario registry from the phase 1 plan: a projection of scenarios/ kept up to date by
-- `scenario sync`. Columns and CHECK constraints exactly as the plan defines them.

CREATE TABLE sys_scenario_definitions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    scenario_id TEXT UNIQUE NOT NULL,
    object_type TEXT NOT NULL CHECK (object_type IN ('service', 'cli', 'database', 'ui', 'proxy', 'infra')),
    name TEXT NOT NULL,
    description TEXT,
    complexity TEXT CHECK (complexity IN ('simple', 'medium', 'complex')),
    automation_readiness INTEGER DEFAULT 0 CHECK (automation_readiness BETWEEN 0 AND 100),
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE sys_scenario_dependencies (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    scenario_id TEXT REFERENCES sys_scenario_definitions(scenario_id),
    depends_on_scenario_id TEXT REFERENCES sys_scenario_definitions(scenario_id),
    dependency_type TEXT CHECK (dependency_type IN ('required', 'recommended', 'optional')),
    execution_order INTEGER NOT NULL,
    UNIQUE(scenario_id, depends_on_scenario_id)
);

CREATE TABLE sys_scenario_steps (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    scenario_id TEXT REFERENCES sys_scenario_definitions(scenario_id),
    step_number INTEGER NOT NULL,
    step_name TEXT NOT NULL,
    step_type TEXT CHECK (step_type IN ('manual', 'automated', 'validation', 'checkpoint')),
    description TEXT,
    automation_script TEXT, -- Path to automation script if automated
    estimated_duration_minutes INTEGER,
    UNIQUE(scenario_id, step_number)
);

CREATE TABLE sys_scenario_parameters (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    scenario_id TEXT REFERENCES sys_scenario_definitions(scenario_id),
    parameter_name TEXT NOT NULL,
    parameter_type TEXT NOT NULL, -- 'string', 'number', 'boolean', 'enum'
    required BOOLEAN DEFAULT true,
    default_value TEXT,
    description TEXT,
    validation_rules JSONB,
    UNIQUE(scenario_id, parameter_name)
);

-- The plan's foreign keys are not indexed on the referencing side; sync deletes by scenario_id.
CREATE INDEX sys_scenario_dependencies_depends_on_idx ON sys_scenario_dependencies (depends_on_scenario_id);

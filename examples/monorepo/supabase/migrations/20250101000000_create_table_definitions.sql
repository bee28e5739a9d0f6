-- Shared bookkeeping: every table gets a row in sys_table_definitions, and tables with an updated_at
-- column keep it current with update_updated_at_column().
CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TABLE IF NOT EXISTS sys_table_definitions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  table_schema TEXT NOT NULL DEFAULT 'public',
  table_name TEXT NOT NULL,
  description TEXT,
  purpose TEXT,
  created_date DATE,
  created_at TIMESTAMPTZ DEFAULT NOW() NOT NULL,
  UNIQUE (table_schema, table_name)
);

ALTER TABLE sys_table_definitions ENABLE ROW LEVEL SECURITY;

CREATE POLICY "Authenticated users can view table definitions" ON sys_table_definitions
  FOR SELECT USING (auth.role() = 'authenticated');

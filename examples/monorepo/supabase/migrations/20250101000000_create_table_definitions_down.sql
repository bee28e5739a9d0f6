DROP TABLE IF EXISTS sys_table_definitions;
DROP FUNCTION IF EXISTS update_updated_at_column();

-- Plugin manifests (faros-plugin.json) of FarosPlugin packages, and the fields search filters on.
ALTER TABLE packages ADD COLUMN plugin_manifest TEXT;
ALTER TABLE packages ADD COLUMN plugin_side TEXT;
ALTER TABLE packages ADD COLUMN plugin_category TEXT;
ALTER TABLE packages ADD COLUMN plugin_kinds_search TEXT;

-- When each action item last changed, as every other record a workbook carries has one:
-- an import of a workbook read before then refuses the item's row rather than put back
-- what the file read (src/import/stale.rs). Items made before this migration take the
-- later of when they were made and when their meeting last changed (its notes and items
-- marked it), so none seems older than it is.
-- Forward only: once landed this file is never edited; later changes get a new file.
ALTER TABLE action_items ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE action_items SET updated_at = max(created_at,
    (SELECT m.updated_at FROM meetings m WHERE m.id = action_items.meeting_id));

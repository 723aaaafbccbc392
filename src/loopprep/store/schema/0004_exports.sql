-- Files loopprep wrote outside its database (vault notes, cheat sheets, decks, calendars)
-- and the sha256 of what it wrote, so a file the user has changed since is never
-- overwritten without --force.

CREATE TABLE export_files (
    path       TEXT PRIMARY KEY,              -- absolute path of the file
    kind       TEXT NOT NULL,                 -- vault-story | vault-index | cheatsheet | anki | calendar
    story_id   TEXT,                          -- the story a vault note holds
    sha256     TEXT NOT NULL,                 -- of the bytes written
    written_at TEXT NOT NULL
);

-- What an import was unsure of or left unplaced (a bullet outside any principle, a
-- reflection, a to-do or note to self), listed for review with a suggested principle
-- and story; and the user's corrections, kept across re-imports.

CREATE TABLE review_nodes (
    source_path TEXT NOT NULL,
    position    INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    code        TEXT NOT NULL,       -- the finding: unplaced-bullet | reflection | not-a-story
    text        TEXT NOT NULL,       -- the line as written, without its bullet mark
    text_key    TEXT NOT NULL,       -- the text compared as corrections compare it
    message     TEXT NOT NULL,
    principle   TEXT,                -- suggested: the principle of its section, or its keywords'
    story_id    TEXT,                -- suggested: the story told just above it in the file
    PRIMARY KEY (source_path, position)
);

-- One correction per text of a notes file: it is applied whenever that file is imported.
CREATE TABLE import_corrections (
    source_path TEXT NOT NULL,
    text_key    TEXT NOT NULL,
    text        TEXT NOT NULL,
    choice      TEXT NOT NULL CHECK (choice IN ('story', 'detail', 'question', 'ignore')),
    target      TEXT NOT NULL DEFAULT '',  -- the principle (story) or story id (detail)
    created_at  TEXT NOT NULL,
    PRIMARY KEY (source_path, text_key)
);

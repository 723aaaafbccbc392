-- The story bank: stories, their links to principles, questions from notes, and what the
-- importer noticed. Ids are stable across re-imports (derived from each story's key).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE stories (
    id          TEXT PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,          -- identity in the notes: anchor (+ sub-key) or title
    anchor      TEXT,                          -- normalised project/org name, e.g. 'irpwind'
    title       TEXT NOT NULL,
    org         TEXT,
    date        TEXT,                          -- ISO date or partial ('2019', '2019-05')
    situation   TEXT NOT NULL DEFAULT '',
    task        TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL DEFAULT '',
    lessons     TEXT NOT NULL DEFAULT '',
    metrics     TEXT NOT NULL DEFAULT '[]',    -- JSON list of strings
    tags        TEXT NOT NULL DEFAULT '[]',    -- JSON list of strings
    origin      TEXT NOT NULL DEFAULT 'notes', -- notes | story-note | user
    source_path TEXT,
    source_line INTEGER,
    archived    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE story_fragments (
    story_id    TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    source_path TEXT NOT NULL,
    line        INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    principle   TEXT,
    PRIMARY KEY (story_id, source_path, line, position)
);

CREATE TABLE story_principles (
    story_id    TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    principle   TEXT NOT NULL,
    origin      TEXT NOT NULL,                 -- notes | user
    source_path TEXT NOT NULL DEFAULT '',
    line        INTEGER,
    evidence    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (story_id, principle, origin, source_path)
);
CREATE INDEX story_principles_by_principle ON story_principles(principle);

-- principles the user removed from a story by hand; a re-import does not bring them back
CREATE TABLE story_hidden_principles (
    story_id  TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    principle TEXT NOT NULL,
    PRIMARY KEY (story_id, principle)
);

CREATE TABLE questions (
    id          TEXT PRIMARY KEY,
    text        TEXT NOT NULL,
    origin      TEXT NOT NULL,                 -- bank | notes | user
    outline     TEXT NOT NULL DEFAULT '',
    source_path TEXT,
    source_line INTEGER,
    archived    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE question_principles (
    question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    principle   TEXT NOT NULL,
    rank        INTEGER NOT NULL,              -- 0 = primary
    PRIMARY KEY (question_id, principle)
);
CREATE INDEX question_principles_by_principle ON question_principles(principle);

CREATE TABLE question_stories (
    question_id TEXT NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
    story_id    TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    PRIMARY KEY (question_id, story_id)
);

CREATE TABLE principle_texts (
    principle   TEXT NOT NULL,
    source_path TEXT NOT NULL,
    line        INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (principle, source_path)
);

CREATE TABLE findings (
    source_path TEXT NOT NULL,
    position    INTEGER NOT NULL,
    line        INTEGER,
    code        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    message     TEXT NOT NULL,
    PRIMARY KEY (source_path, position)
);

CREATE TABLE sources (
    path         TEXT PRIMARY KEY,
    sha256       TEXT NOT NULL,
    front_matter TEXT NOT NULL DEFAULT '{}',
    imported_at  TEXT NOT NULL
);

CREATE TABLE imports (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    files   TEXT NOT NULL,                     -- JSON list of paths
    summary TEXT NOT NULL                      -- JSON counts
);

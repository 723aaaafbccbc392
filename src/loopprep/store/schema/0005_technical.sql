-- Technical readiness: the SDE subtopics the user tracks (from a technical section of the
-- notes, a self-rating or a practice log), self-ratings with their history, the practice
-- log and notes. Spaced-repetition cards of kind 'technical' (ref: the subtopic id) live in
-- `cards` with the others, so one schedule and one daily session cover both sides.

CREATE TABLE tech_subtopics (
    id          TEXT PRIMARY KEY,              -- 'topic/subtopic', e.g. 'algorithms/dynamic-programming'
    topic       TEXT NOT NULL,                 -- the topic's slug
    name        TEXT NOT NULL,                 -- as the topic list, or the notes, name it
    origin      TEXT NOT NULL,                 -- list: in the topic list | notes: only in the notes
    checked     INTEGER,                       -- the notes' checkbox: 1 done, 0 open, NULL none
    source_path TEXT,                          -- the notes file that lists it (NULL: not from notes)
    source_line INTEGER,
    archived    INTEGER NOT NULL DEFAULT 0,    -- 1: gone from its notes (ratings and logs are kept)
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX tech_subtopics_by_source ON tech_subtopics(source_path);

CREATE TABLE tech_ratings (
    id       INTEGER PRIMARY KEY,
    subtopic TEXT NOT NULL REFERENCES tech_subtopics(id),
    rating   INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),  -- 1 lost .. 5 could teach it
    at       TEXT NOT NULL
);
CREATE INDEX tech_ratings_by_subtopic ON tech_ratings(subtopic, at);

CREATE TABLE tech_log (
    id         INTEGER PRIMARY KEY,
    subtopic   TEXT NOT NULL REFERENCES tech_subtopics(id),
    problem    TEXT NOT NULL,
    link       TEXT,
    minutes    REAL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('solved', 'partial', 'failed')),
    notes      TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL,
    attempt_id INTEGER REFERENCES attempts(id) ON DELETE SET NULL
);
CREATE INDEX tech_log_by_subtopic ON tech_log(subtopic, at);

CREATE TABLE tech_notes (
    id          INTEGER PRIMARY KEY,
    subject     TEXT NOT NULL,                 -- a subtopic id, a topic slug, or '' (the section)
    text        TEXT NOT NULL,
    checked     INTEGER,                       -- a checklist step: 1 done, 0 open; NULL a note
    origin      TEXT NOT NULL,                 -- notes: replaced when its file is re-imported | user
    source_path TEXT,
    source_line INTEGER,
    at          TEXT NOT NULL
);
CREATE INDEX tech_notes_by_subject ON tech_notes(subject);
CREATE INDEX tech_notes_by_source ON tech_notes(origin, source_path);

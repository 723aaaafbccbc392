-- Practice: interviews to prepare for, spaced-repetition cards and their reviews, practice
-- sessions and every answer attempt. Times are ISO 8601 UTC strings ('...+00:00'), so they
-- sort as text.

CREATE TABLE interviews (
    id         INTEGER PRIMARY KEY,
    company    TEXT NOT NULL,
    role       TEXT NOT NULL DEFAULT '',
    date       TEXT NOT NULL,                 -- ISO date of the last stage (the loop)
    stages     TEXT NOT NULL DEFAULT '[]',    -- JSON [{"name", "date"}], in date order
    created_at TEXT NOT NULL
);

-- One card per thing to practise. `kind` is open-ended: question | story-recall today,
-- technical topics later. `ref` names what is practised (a question id, a principle slug).
CREATE TABLE cards (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    ref         TEXT NOT NULL,
    principle   TEXT,
    fsrs        TEXT NOT NULL,                -- fsrs.Card.to_dict() as JSON
    due         TEXT NOT NULL,
    reps        INTEGER NOT NULL DEFAULT 0,
    last_review TEXT,
    created_at  TEXT NOT NULL,
    UNIQUE (kind, ref)
);
CREATE INDEX cards_by_due ON cards(due);
CREATE INDEX cards_by_principle ON cards(principle);

CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,                 -- daily | timed | principle | mock-loop
    settings   TEXT NOT NULL DEFAULT '{}',    -- JSON: minutes, count, principles, seed, loop
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    report     TEXT                           -- JSON, written when the session ends
);

CREATE TABLE attempts (
    id             INTEGER PRIMARY KEY,
    session_id     INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    card_id        INTEGER REFERENCES cards(id) ON DELETE SET NULL,
    kind           TEXT NOT NULL DEFAULT 'question',
    ref            TEXT NOT NULL,             -- the card's ref: question id or principle slug
    question_id    TEXT,
    question       TEXT NOT NULL,
    principle      TEXT,
    interviewer    TEXT,                      -- in a mock loop: who asked
    answer         TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,             -- answered | rated | interrupted
    started_at     TEXT NOT NULL,
    ended_at       TEXT,
    answer_seconds REAL,
    followups      TEXT NOT NULL DEFAULT '[]', -- JSON [{"probe", "why", "answer", "seconds"}]
    feedback       TEXT,                      -- JSON: the analysis of the answer
    overall        REAL,                      -- 0..10, from the feedback
    rating         INTEGER                    -- self-rating 1 again, 2 hard, 3 good, 4 easy
);
CREATE INDEX attempts_by_time ON attempts(started_at);
CREATE INDEX attempts_by_principle ON attempts(principle, started_at);
CREATE INDEX attempts_by_session ON attempts(session_id);
CREATE INDEX attempts_by_card ON attempts(kind, ref);

CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    card_id     INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    attempt_id  INTEGER REFERENCES attempts(id) ON DELETE SET NULL,
    rating      INTEGER NOT NULL,
    at          TEXT NOT NULL,
    elapsed_days REAL,                        -- since the card's previous review
    due_before  TEXT,
    due_after   TEXT NOT NULL,
    natural_due TEXT NOT NULL,                -- what FSRS alone would have scheduled
    deadline    TEXT                          -- the interview date the schedule aimed at
);
CREATE INDEX reviews_by_card ON reviews(card_id, at);
CREATE INDEX reviews_by_time ON reviews(at);

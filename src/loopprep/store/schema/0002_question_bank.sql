-- Question bank and matching: who chose a question's principles, and cached sentence
-- embeddings of stories (and questions), recomputed only when their text or the model changes.

-- author: the bank, the user's notes or the user; classifier: loopprep guessed the
-- principle because none was given (shown as a guess, replaced when the user tags it)
ALTER TABLE questions ADD COLUMN labelled_by TEXT NOT NULL DEFAULT 'author';

CREATE INDEX questions_by_origin ON questions(origin, archived);

CREATE TABLE embeddings (
    kind        TEXT NOT NULL,                 -- story | question
    item_id     TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,                 -- of the exact text that was embedded
    model       TEXT NOT NULL,                 -- the embedder's fingerprint
    vector      BLOB NOT NULL,                 -- float32, little-endian
    PRIMARY KEY (kind, item_id)
);

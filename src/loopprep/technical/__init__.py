"""Technical readiness next to behavioral readiness: the SDE topics and subtopics the user
tracks, self-ratings, a practice log, notes, and cards on the same FSRS schedule as the
behavioral practice. Nothing here prints; the CLI and the web app call it through `Bank`.
"""

"""Reviews: the spaced-repetition schedule (FSRS) run toward the interview stages, and the
self-rating that moves a card along it. Behavioural practice and the technical tracker
share it; neither imports the other for it.
"""

"""Text processing shared by the rest of loopprep.

Sentence embeddings live in `loopprep.text.embeddings`; heavy libraries load on first use.
"""

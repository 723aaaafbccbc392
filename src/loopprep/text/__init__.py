"""Text processing shared across loopprep: sentence splitting, embeddings, lexical search."""

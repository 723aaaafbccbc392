"""Text analysis shared by every feature: facts in text, sentences, embeddings."""

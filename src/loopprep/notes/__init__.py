"""Reading notes: Markdown / Obsidian files into drafts of stories, questions and findings."""

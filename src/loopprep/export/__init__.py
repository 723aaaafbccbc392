"""Exports: the one-page cheat sheet (HTML, Markdown, PDF), the story vault, the Anki deck
and the practice calendar. Every file is written atomically and recorded in a manifest.
"""

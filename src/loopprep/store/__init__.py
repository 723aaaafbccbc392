"""Persistence: the one place that knows SQL. Everything above it calls these functions."""

from loopprep.store.db import Store

__all__ = ["Store"]

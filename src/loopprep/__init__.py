"""loopprep: interview preparation for competency-based interviews."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`loopprep.__version__`, read from the installed package's metadata when first asked."""
    if name != "__version__":
        raise AttributeError(f"module 'loopprep' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("loopprep")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"

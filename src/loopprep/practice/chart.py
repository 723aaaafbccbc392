"""The progress chart: scores per principle over time and practice per day, written as PNG
or SVG (by the file's suffix) with matplotlib's non-interactive Agg backend.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

from loopprep.errors import LoopprepError

FORMATS = (".png", ".svg")


class ChartError(LoopprepError):
    """A chart that cannot be written where asked."""


def write_chart(progress: dict[str, Any], path: Path) -> Path:
    """Draw `progress` (from `loopprep.practice.progress.progress`) into `path`."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ChartError(f"cannot write a chart as {path.name!r}",
                         hint="Name the file .png or .svg, e.g. --chart progress.png.")
    if not path.parent.is_dir():
        raise ChartError(f"folder {path.parent} does not exist")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "loopprep"  # the same progress gives the same SVG
    figure, (scores_axis, days_axis) = plt.subplots(
        2, 1, figsize=(12, 7), height_ratios=(3, 1), constrained_layout=True)
    drawn = 0
    for principle in progress["principles"]:
        points = [(datetime.fromisoformat(p["at"]), float(p["score"]))
                  for p in principle["points"] if p["score"] is not None]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        scores_axis.plot(xs, ys, marker="o", markersize=3, linewidth=1.2, label=principle["name"])
        drawn += 1
    scores_axis.set_ylim(0, 10)
    scores_axis.set_ylabel("answer score (0-10)")
    scores_axis.set_title("Scores by principle")
    scores_axis.grid(alpha=0.3)
    if drawn:
        scores_axis.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))  # off the lines
    else:
        scores_axis.text(0.5, 0.5, "no scored answers yet", ha="center", va="center",
                         transform=scores_axis.transAxes)
    per_day: Counter[datetime] = Counter()
    for principle in progress["principles"]:
        for point in principle["points"]:
            day = datetime.fromisoformat(point["at"]).replace(hour=0, minute=0, second=0)
            per_day[day] += 1
    if per_day:
        days = sorted(per_day)
        days_axis.bar(days, [per_day[d] for d in days], width=0.8, color="#4477aa")
    streak = progress["streak"]
    days_axis.set_title(f"Practice per day (streak {streak['current']}, best {streak['best']}; "
                        f"{progress['due']['today']} due today)")
    days_axis.set_ylabel("items")
    for axis in (scores_axis, days_axis):
        axis.xaxis.set_major_formatter(mdates.DateFormatter("%b %d"))  # type: ignore[no-untyped-call]
    try:
        figure.savefig(path, format=suffix[1:], dpi=100, metadata=_metadata(suffix))
    except OSError as exc:
        raise ChartError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        plt.close(figure)
    return path


def _metadata(suffix: str) -> dict[str, Any]:
    # No creation date in the file: charts of the same progress are identical.
    return {"Date": None} if suffix == ".svg" else {"Software": "loopprep"}

"""The progress chart: scores per principle over time and practice per day, written as PNG
or SVG (by the file's suffix) with matplotlib's non-interactive Agg backend.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from loopprep.errors import LoopprepError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = (".png", ".svg")
MIN_DAYS = 7  # the x axis shows at least a week
MARKED = 60  # up to this many points or days are drawn one by one (markers, bars)


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
    import matplotlib.pyplot as plt

    figure = draw(progress)
    try:
        figure.savefig(path, format=suffix[1:], dpi=100, metadata=_metadata(suffix))
    except OSError as exc:
        raise ChartError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        plt.close(figure)
    return path


def draw(progress: dict[str, Any]) -> Figure:
    """The chart as a matplotlib figure (close it with `plt.close` when done)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    plt.rcParams["svg.hashsalt"] = "loopprep"  # the same progress gives the same SVG
    figure, (scores_axis, days_axis) = plt.subplots(
        2, 1, figsize=(12, 7), height_ratios=(3, 1), constrained_layout=True)
    drawn = 0
    for principle in progress["principles"]:
        points = scored_points(principle["points"])
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        scores_axis.plot(xs, ys, marker="o" if len(points) <= MARKED else "", markersize=3,
                         linewidth=1.2, label=principle["name"])
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
            day = datetime.fromisoformat(point["at"]).replace(hour=0, minute=0, second=0,
                                                              microsecond=0, tzinfo=None)
            per_day[day] += 1
    today = datetime.fromisoformat(progress["today"])
    if per_day:
        days = sorted(per_day)
        middles = [d + timedelta(hours=12) for d in days]  # centred on its day's tick
        if len(days) <= MARKED:
            days_axis.bar(middles, [per_day[d] for d in days], width=0.8, color="#4477aa")
        else:  # a bar per day as one drawing: hundreds of bars are slow to draw
            days_axis.vlines(middles, 0, [per_day[d] for d in days], color="#4477aa",
                             linewidth=max(0.5, 600 / len(days)))
    streak = progress["streak"]
    days_axis.set_title(f"Practice per day (streak {streak['current']}, best {streak['best']}; "
                        f"{progress['due']['today']} due today)")
    days_axis.set_ylabel("items")
    days_axis.yaxis.get_major_locator().set_params(integer=True)
    first, last = day_range(sorted(per_day), today)
    for axis in (scores_axis, days_axis):
        axis.set_xlim(first, last)
        step = max(1, -(-(last - first).days // 10))  # one tick a day, at most ten
        axis.set_xticks([first + timedelta(days=n, hours=12)
                         for n in range(0, (last - first).days, step)])
        axis.xaxis.set_major_formatter(mdates.DateFormatter("%a %d %b"))  # type: ignore[no-untyped-call]
    return figure


def scored_points(points: list[dict[str, Any]]) -> list[tuple[datetime, float]]:
    """A principle's scores over time: every answer over a fortnight or less, else the mean
    of each day (a year of answers stays readable, and quick to draw)."""
    scored = [(datetime.fromisoformat(p["at"]).replace(tzinfo=None), float(p["score"]))
              for p in points if p["score"] is not None]
    if not scored or (scored[-1][0] - scored[0][0]).days <= 14:
        return scored
    by_day: dict[datetime, list[float]] = {}
    for at, score in scored:
        by_day.setdefault(at.replace(hour=12, minute=0, second=0, microsecond=0), []).append(score)
    return [(day, sum(v) / len(v)) for day, v in sorted(by_day.items())]


def day_range(days: list[datetime], today: datetime) -> tuple[datetime, datetime]:
    """The chart's x range: the days practised, widened to at least a week ending today (or
    the last day practised), so one day of practice is one bar among days, not the width."""
    end = max([today, *days]).replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    start = min([end - timedelta(days=MIN_DAYS), *days])
    return start, end


def _metadata(suffix: str) -> dict[str, Any]:
    # No creation date in the file: charts of the same progress are identical.
    return {"Date": None} if suffix == ".svg" else {"Software": "loopprep"}

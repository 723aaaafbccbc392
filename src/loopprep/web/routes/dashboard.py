"""The dashboard: readiness on both sides (behavioral and technical, against the days
left), the coverage map as a heatmap of principles against stories (filterable and paged, so
a thousand stories stay readable), gaps, over-used, thin and stale stories, and what the
importer noticed. `/coverage.json` is `loopprep coverage --json`, `/readiness.json`
`loopprep readiness --json`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from loopprep.coverage import Coverage, StoryHealth
from loopprep.web.pages import (
    is_htmx,
    now,
    open_bank,
    render,
    snapshot,
    today,
    wants_json,
    web_state,
)
from loopprep.web.routes import Area

if TYPE_CHECKING:
    from loopprep.bank import Bank
    from loopprep.web.snapshot import Snapshots

PAGE_SIZE = 50
#: How many stories each dashboard card lists before linking to the rest.
SHOWN = 12
SHOW = {
    "": "all stories",
    "overused": "over-used",
    "thin": "thin (no result, metric or date)",
    "stale": "stale",
    "unlinked": "not filed under a principle",
}


@dataclass(frozen=True)
class MatrixRow:
    story: StoryHealth
    cells: tuple[bool, ...]  # one per principle, in framework order


@dataclass(frozen=True)
class Matrix:
    """One page of the heatmap's rows, after the filter."""

    rows: list[MatrixRow]
    total: int
    page: int
    pages: int
    q: str
    principle: str
    show: str
    page_size: int = PAGE_SIZE

    @property
    def first(self) -> int:
        return (self.page - 1) * self.page_size + 1

    @property
    def last(self) -> int:
        return (self.page - 1) * self.page_size + len(self.rows)


def heat(count: int) -> str:
    """The colour class of a principle by how many stories it has."""
    return "gap" if count == 0 else "one" if count == 1 else "some" if count <= 3 else "many"


def coverage_matrix(coverage: Coverage, *, q: str = "", principle: str = "", show: str = "",
                    page: int = 1, page_size: int = PAGE_SIZE) -> Matrix:
    slugs = [p.slug for p in coverage.principles]
    principle = principle if principle in slugs else ""
    show = show if show in SHOW else ""
    words = q.lower().split()
    chosen = []
    for story in coverage.stories:
        if principle and principle not in story.principles:
            continue
        if show == "overused" and not story.overused:
            continue
        if show == "thin" and not story.missing:
            continue
        if show == "stale" and not story.stale:
            continue
        if show == "unlinked" and story.principles:
            continue
        if words:
            haystack = f"{story.title} {story.story_id}".lower()
            if not all(w in haystack for w in words):
                continue
        chosen.append(story)
    pages = max(1, math.ceil(len(chosen) / page_size))
    page = min(max(page, 1), pages)
    rows = [
        MatrixRow(story, tuple(slug in story.principles for slug in slugs))
        for story in chosen[(page - 1) * page_size: page * page_size]
    ]
    return Matrix(rows, len(chosen), page, pages, q, principle, show, page_size)


def practice_strip(bank: Bank, moment: datetime) -> dict[str, Any]:
    """The dashboard's line about practice: the next interview stages and what is due."""
    from loopprep.practice.progress import due_counts
    from loopprep.reviews.schedule import utc_day

    today = utc_day(moment)
    stages = [{"company": interview.company, "stage": stage.name, "date": stage.date.isoformat(),
               "days_left": (stage.date - today).days}
              for interview, stage in bank.upcoming_stages(today)[:2]]
    return {"stages": stages, "due": due_counts(bank, moment).to_json()}


def readiness_view(request: Request, bank: Bank) -> dict[str, Any]:
    """`loopprep readiness` for the dashboard: kept until the next commit or UTC day."""
    return readiness_for(bank, web_state(request).snapshots, now(request), today(request))


def readiness_for(bank: Bank, snapshots: Snapshots, moment: datetime, day: date
                  ) -> dict[str, Any]:
    from loopprep.reviews.schedule import utc_day

    stories = snapshots.get(bank, day).stories
    return snapshots.memo(bank, day, ("readiness", utc_day(moment)),
                          lambda: bank.readiness(now=moment, stories=stories))


def readiness(request: Request) -> Response:
    """Readiness as JSON, the same object as `loopprep readiness --json`."""
    with open_bank(request) as bank:
        return JSONResponse(readiness_view(request, bank))


def page_number(request: Request) -> int:
    value = request.query_params.get("page", "1")
    return int(value) if value.isdigit() else 1


def dashboard(request: Request) -> Response:
    """The dashboard page, its heatmap fragment, or the coverage map as JSON."""
    with open_bank(request) as bank:
        coverage = snapshot(request, bank).coverage
        if wants_json(request):
            return JSONResponse(coverage.to_json())
        elsewhere = sum(1 for s in snapshot(request, bank).stories if s.principles and not any(
            bank.framework.get(p) for p in s.principles))
        practice = practice_strip(bank, now(request))
        ready = readiness_view(request, bank)
    params = request.query_params
    matrix = coverage_matrix(coverage, q=params.get("q", "").strip(),
                             principle=params.get("principle", ""), show=params.get("show", ""),
                             page=page_number(request))
    context = {"coverage": coverage, "matrix": matrix, "practice": practice, "readiness": ready,
               "show_options": SHOW, "elsewhere": elsewhere,
               "heat": heat, "names": {p.slug: p.name for p in coverage.principles}, "shown": SHOWN}
    if is_htmx(request) and request.headers.get("hx-target") == "matrix":
        return render(request, "_matrix.html", context)
    return render(request, "dashboard.html", context)


area = Area(
    name="dashboard",
    routes=[Route("/", dashboard), Route("/coverage.json", dashboard),
            Route("/readiness.json", readiness)],
    nav=("Dashboard", "/"),
)

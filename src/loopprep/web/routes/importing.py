"""Importing notes from the browser: upload Markdown files or a zipped vault (kept under
HOME/uploads, with size limits and unsafe zips refused), or name a folder or file on this
computer, which the server reads in place (local files only; nothing is fetched).
"""

from __future__ import annotations

from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from loopprep.errors import LoopprepError
from loopprep.model import ImportReport
from loopprep.notes.reader import MARKDOWN_SUFFIXES, MARKUP_SUFFIXES, NOTES_SUFFIXES
from loopprep.uploads import (
    MAX_NOTES_BYTES,
    MAX_UNPACKED_BYTES,
    MAX_UPLOAD_BYTES,
    UPLOADS_DIR,
    Upload,
    import_uploads,
)
from loopprep.web.pages import form, now, open_bank, render, text_field, web_state
from loopprep.web.routes import Area

#: The whole upload request: the files plus the form's own bytes.
UPLOAD_REQUEST_BYTES = MAX_UPLOAD_BYTES + 256 * 1024
LIMITS = {"file": MAX_NOTES_BYTES, "upload": MAX_UPLOAD_BYTES, "unpacked": MAX_UNPACKED_BYTES}


def import_page(request: Request) -> Response:
    return _page(request)


def _page(request: Request, *, error: LoopprepError | None = None, path: str = "",
          status: int = 200) -> Response:
    with open_bank(request) as bank:
        sources = [(source.path, source.imported_at) for source in bank.imported_files()]
        nodes = bank.review()
        stories = [(s.id, s.title) for s in bank.stories()] if nodes else []
        principles = [(p.slug, p.name) for p in bank.framework.principles]
    return render(request, "import.html", {
        "error": error, "path": path, "sources": sources, "limits": LIMITS,
        "accept": ",".join((*NOTES_SUFFIXES, ".zip")),
        "uploads": Path(UPLOADS_DIR), "exposed": web_state(request).exposed, "now": now(request),
        "review": nodes, "stories": stories, "principles": principles,
        "filed": request.query_params.get("filed", ""),
    }, status=status)


def review_choice(request: Request) -> Response:
    """File one reviewed line as the user clicked: a story for the chosen principle, a
    detail of the chosen story, a question, or ignore; its file is imported again."""
    data = form(request)
    path, key = text_field(data, "path") or "", text_field(data, "text_key") or ""
    choice = text_field(data, "choice") or ""
    target = text_field(data, "principle" if choice == "story" else "story") or ""
    try:
        with open_bank(request) as bank:
            node = next((n for n in bank.review() if n.source.path == path and n.text_key == key),
                        None)
            if node is None:
                raise LoopprepError("that line is no longer waiting for review",
                                    hint="The list below is up to date.")
            bank.correct([(node, choice, target if choice in ("story", "detail") else "")],
                         now=now(request))
    except LoopprepError as error:
        return _page(request, error=error, status=400)
    return RedirectResponse(f"/import?filed={choice}#review", status_code=303)


def upload_notes(request: Request) -> Response:
    """Import uploaded .md files or a .zip of a vault."""
    data = form(request)
    uploads = []
    for item in data.getlist("notes"):
        if isinstance(item, UploadFile) and (item.filename or item.size):
            uploads.append(Upload(item.filename or "", item.file.read()))
    try:
        with open_bank(request) as bank:
            result = import_uploads(bank, uploads, now=now(request))
            total = len(bank.stories())
    except LoopprepError as error:
        return _page(request, error=error, status=400)
    return _report(request, result.report, total, skipped=result.skipped)


def import_path(request: Request) -> Response:
    """Import a notes file or vault folder on this computer, read where it is."""
    path = (text_field(form(request), "path") or "").strip()
    if web_state(request).exposed:
        return _page(request, status=403, error=LoopprepError(
            "importing a path on this computer is turned off while the server is reachable from "
            "other machines", hint="Upload the notes instead, or serve on 127.0.0.1 (the default)."))
    try:
        target = notes_path(path)
        with open_bank(request) as bank:
            report = bank.import_notes([target], now=now(request))
            total = len(bank.stories())
    except LoopprepError as error:
        return _page(request, error=error, path=path, status=400)
    return _report(request, report, total)


def notes_path(typed: str) -> Path:
    """The path typed on the import page: a folder, or a Markdown or markup notes file (the
    browser is not a way to read other kinds of files on this computer; plain text and
    story banks are uploaded)."""
    if not typed:
        raise LoopprepError("type the path of a notes file or vault folder")
    path = Path(typed).expanduser()
    if path.is_file() and path.suffix.lower() not in (*MARKDOWN_SUFFIXES, *MARKUP_SUFFIXES):
        raise LoopprepError(f"{path} is not a Markdown notes file",
                            hint="Name a .md, .org, .adoc or .rst file or the folder of your "
                                 "vault; upload plain text or a story bank.")
    return path


def _report(request: Request, report: ImportReport, total: int, *,
            skipped: list[str] | None = None) -> Response:

    with open_bank(request) as bank:
        titles = {s.id: s.title for s in bank.stories(include_archived=True)}
        names = {p.slug: p.name for p in bank.framework}
    return render(request, "imported.html", {
        "report": report, "summary": report.to_json(), "total": total,
        "skipped": skipped or [], "titles": titles, "names": names,
    })


area = Area(
    name="import",
    routes=[
        Route("/import", import_page, methods=["GET"]),
        Route("/import/upload", upload_notes, methods=["POST"]),
        Route("/import/path", import_path, methods=["POST"]),
        Route("/import/review", review_choice, methods=["POST"]),
    ],
    nav=("Import", "/import"),
)

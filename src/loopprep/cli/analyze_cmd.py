"""`loopprep analyze`: feedback on one answer (a file or stdin), or many as JSON Lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from loopprep.cli.common import console, print_json, print_jsonl, settings, today
from loopprep.errors import LoopprepError

MAX_ANSWER_BYTES = 1_000_000


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)


def analyze(
    ctx: typer.Context,
    source: str = typer.Argument(..., metavar="FILE|-", help="The answer: a text file, or - for stdin."),
    question: str = typer.Option(None, "--question", "-q", help="The question it answers."),
    as_json: bool = typer.Option(False, "--json", help="Print the analysis as JSON only."),
    jsonl: bool = typer.Option(
        False, "--jsonl",
        help='Read lines of {"id", "question", "answer"} and print one JSON result per line.'),
) -> None:
    """Feedback on an answer: STAR parts, flags on the exact words, honest 0-10 scores.

    A recording (wav, mp3, m4a, ogg, webm, flac) is transcribed locally first (the
    ``speech`` extra) and its delivery measured: pace, pauses, fillers.
    """
    from loopprep.speech.transcribe import is_audio_path

    if source != "-" and is_audio_path(source) and not jsonl:
        _analyze_recording(ctx, source, question, as_json)
        return
    text = _read(source)
    framework = settings(ctx).framework
    if jsonl:
        for item in _parse_jsonl(text, source):
            result = analyze_one(item["answer"], item.get("question"), framework)
            print_jsonl({"id": item.get("id"), **result.to_json()})
        return
    analysis = analyze_one(text, question, framework)
    if as_json:
        print_json(analysis.to_json())
    else:
        from loopprep.cli.feedback_view import render_analysis

        render_analysis(analysis, console())


def _analyze_recording(ctx: typer.Context, source: str, question: str | None, as_json: bool) -> None:
    from loopprep.speech import measure_spoken_delivery, require_speech, shared_transcriber

    require_speech()
    transcript = shared_transcriber().transcribe(source)
    if not transcript.words:
        raise LoopprepError(f"{source}: no speech was heard in the recording",
                            hint="Check the microphone and record again.")
    delivery = measure_spoken_delivery(transcript)
    analysis = analyze_one(transcript.text, question, settings(ctx).framework)
    if as_json:
        print_json({**analysis.to_json(), "transcript": transcript.text,
                    "transcript_model": transcript.model, "delivery": delivery.to_json()})
        return
    from loopprep.cli.feedback_view import render_analysis

    out = console()
    out.print(f"[bold]Transcript[/bold] ({transcript.model}): {transcript.text}", markup=True,
              highlight=False)
    d = delivery
    out.print(f"Delivery: {d.duration_s:.0f} s, {d.words_per_minute:.0f} words a minute "
              f"({d.to_json()['pace']}; aim for 130-160), {len(d.pauses)} pauses of 2 s or more "
              f"(longest {d.longest_pause_s:.1f} s), {d.fillers_per_minute:.1f} fillers a minute",
              highlight=False)
    render_analysis(analysis, out)


def analyze_one(answer: str, question: str | None, framework: str | None = None) -> Any:
    """Analyse one answer; with a question, relevance uses the classifier's reading of it."""
    from loopprep.answer_feedback import feedback_on
    from loopprep.frameworks import load_framework

    return feedback_on(answer, question=question or None,
                       framework=load_framework(framework or "amazon"), today=today())


def _read(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read(MAX_ANSWER_BYTES + 1)
        where = "standard input"
    else:
        path = Path(source)
        if not path.is_file():
            raise LoopprepError(f"{source}: no such file", hint="Pass a text file, or - for stdin.")
        with path.open("rb") as handle:
            data = handle.read(MAX_ANSWER_BYTES + 1)
        where = source
    if len(data) > MAX_ANSWER_BYTES:
        raise LoopprepError(f"{where}: more than {MAX_ANSWER_BYTES // 1000} KB; an answer is a "
                            "few hundred words", hint="Pass one answer (or --jsonl lines).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LoopprepError(f"{where}:{line}: not UTF-8 text",
                            hint="Save the answer as UTF-8.") from None


def _parse_jsonl(text: str, source: str) -> list[dict[str, Any]]:
    """Every line checked before any is analysed, so a bad line stops the run cleanly."""
    where = "stdin" if source == "-" else source
    items = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LoopprepError(f"{where}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get("answer"), str):
            raise LoopprepError(f"{where}:{number}: needs an object with a string 'answer'",
                                hint='Each line: {"id": ..., "question": "...", "answer": "..."}')
        if item.get("question") is not None and not isinstance(item["question"], str):
            raise LoopprepError(f"{where}:{number}: 'question' must be a string")
        items.append(item)
    return items

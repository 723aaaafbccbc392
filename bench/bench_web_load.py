"""The web server under concurrent load from a cold start: 1,000 stories and 10,000
practice attempts (bench_web.py's bank), `loopprep serve` in its own process on 127.0.0.1,
N clients looping over the main pages (with /questions/fit, which embeds every story on a
cold cache). Reports p50/p95 after the warm-up window against /health's p95 in the same
run, errors, timeouts, the server's peak RSS, and how long SIGTERM takes to stop it.

Run: python bench/bench_web_load.py [--stories 1000] [--clients 8] [--seconds 60] [--warmup 30]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx2

sys.path.insert(0, str(Path(__file__).parent))
from bench_web import make_home  # noqa: E402

PAGES = ["/", "/stories", "/questions", "/practice", "/practice/progress", "/plan",
         "/questions/fit?question=Tell+me+about+a+time+you+cut+cost+on+a+vendor+rollout",
         "/questions/fit?question=Describe+a+time+you+owned+an+outage+root+cause"]


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else float("nan")


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def client_loop(url: str, stop: float, start: float, out: list[tuple[float, str, float, str]],
                index: int) -> None:
    with httpx2.Client(base_url=url, timeout=60) as http:
        n = index
        while time.monotonic() < stop:
            page = PAGES[n % len(PAGES)]
            n += 1
            began = time.monotonic()
            try:
                status = str(http.get(page).status_code)
            except httpx2.TimeoutException:
                status = "timeout"
            except httpx2.HTTPError as exc:
                status = f"error {type(exc).__name__}"
            out.append((began - start, page.split("?")[0], time.monotonic() - began, status))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        t0 = time.perf_counter()
        make_home(home, args.stories)
        print(f"bank of {args.stories} stories made in {time.perf_counter() - t0:.1f} s")
        server = subprocess.Popen(
            [sys.executable, "-m", "loopprep", "--home", str(home), "serve", "--host", "127.0.0.1",
             "--port", "0", "--no-open"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        assert server.stdout is not None
        line = server.stdout.readline()
        url = re.search(r"http://\S+/", line)
        if url is None:
            raise SystemExit(f"server did not start: {line}")
        log: list[str] = []  # the server's output, drained so it never blocks on a full pipe
        drain = threading.Thread(target=lambda: log.extend(server.stdout or ()), daemon=True)
        drain.start()
        health = []
        with httpx2.Client(base_url=url.group(0)) as http:
            for _ in range(20):
                began = time.monotonic()
                http.get("/health")
                health.append(time.monotonic() - began)
        results: list[tuple[float, str, float, str]] = []
        start = time.monotonic()
        threads = [threading.Thread(target=client_loop, args=(url.group(0), start + args.seconds,
                                                            start, results, i))
                   for i in range(args.clients)]
        for thread in threads:
            thread.start()
        peak = 0.0
        while any(t.is_alive() for t in threads):
            peak = max(peak, peak_rss_mb(server.pid))
            time.sleep(0.5)
        peak = max(peak, peak_rss_mb(server.pid))
        began = time.monotonic()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
            stopped = f"{time.monotonic() - began:.2f} s"
        except subprocess.TimeoutExpired:
            server.kill()
            stopped = "> 30 s (killed)"
    after = [r for r in results if r[0] >= args.warmup]
    bad = [r for r in results if r[3] != "200"]
    print(f"{len(results)} requests by {args.clients} clients in {args.seconds:.0f} s; "
          f"/health p95 (baseline, idle) {p(health, 0.95) * 1000:.1f} ms")
    print("first request of each page: " + ", ".join(
        f"{page} {min(r[2] for r in results if r[1] == page):.2f}-"
        f"{max(r[2] for r in results if r[1] == page):.2f} s" for page in sorted({r[1] for r in results})))
    lat = [r[2] * 1000 for r in after]
    median = statistics.median(lat) if lat else 0
    print(f"after {args.warmup:.0f} s: {len(after)} requests, p50 {median:.0f} ms, "
          f"p95 {p(lat, 0.95):.0f} ms, max {max(lat) if lat else 0:.0f} ms")
    for page in sorted({r[1] for r in after}):
        mine = [r[2] * 1000 for r in after if r[1] == page]
        print(f"  {page:22} n={len(mine):4}  p50 {statistics.median(mine):6.0f} ms  "
              f"p95 {p(mine, 0.95):6.0f} ms")
    timeouts = sum(1 for r in bad if r[3] == "timeout")
    print(f"errors {len(bad) - timeouts}, timeouts {timeouts}"
          f" ({sorted({r[3] for r in bad})}); server peak RSS {peak:.0f} MB; SIGTERM stopped it in {stopped}")
    for when, page, _, status in bad[:5]:
        print(f"  {status} at {when:.1f} s: {page}")
    problems = [i for i, text in enumerate(log) if "Traceback" in text or "ERROR" in text]
    for i in problems[:3]:
        print("server said:", "".join(log[i:i + 30]))


if __name__ == "__main__":
    main()

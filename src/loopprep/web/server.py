"""Running the web app: bind the address first (so a busy port is a clear error and port 0
picks a free one), say where it is, optionally open a browser, then serve until Ctrl+C.
"""

from __future__ import annotations

import gc
import ipaddress
import os
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable, Sequence
from pathlib import Path

from loopprep.errors import LoopprepError
from loopprep.web.pages import WebState
from loopprep.web.security import LOOPBACK_HOSTS

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """What to tell the user when the app would be reachable from other machines."""
    if is_loopback(host):
        return None
    return (f"warning: serving on {host} lets anyone who can reach this machine on your network "
            "read your whole story bank, your practice answers and feedback, and change them "
            "through the app's pages (adding and editing stories, uploading notes). Importing a "
            "path on this computer is turned off. Use the default (127.0.0.1) unless you mean it.")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port, or a `LoopprepError` saying what to do."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise LoopprepError(f"cannot listen on {host}:{port} ({exc.strerror})",
                            hint="Another program may use that port: pass --port 0 to pick a free "
                                 "one, or stop the other server.") from None
    sock.listen(128)
    return sock


def address_of(sock: socket.socket) -> str:
    """The URL to open (for an all-interfaces bind, the loopback one)."""
    host, port = sock.getsockname()[:2]
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def allowed_hosts_for(host: str, also: Sequence[str] = ()) -> list[str]:
    """Host names the app answers to: loopback always; the address it is bound to, or for an
    all-interfaces bind this machine's own names and addresses; and `also` (--allow-host).
    Never any name at all: a page on another site whose name was rebound to this machine
    (DNS rebinding) would otherwise read and drive the app."""
    hosts = list(LOOPBACK_HOSTS)
    if host in ("0.0.0.0", "::"):
        hosts += own_names()
    elif not is_loopback(host):
        hosts.append(host.strip("[]"))
    hosts += [h.strip().strip("[]") for h in also if h.strip()]
    return list(dict.fromkeys(h.lower() for h in hosts))


def own_names() -> list[str]:
    """This machine's host name, full name and the addresses they resolve to."""
    names = [socket.gethostname(), socket.getfqdn()]
    for name in list(names):
        try:
            names += [str(info[4][0]) for info in socket.getaddrinfo(name, None)]
        except OSError:
            continue
    return [n for n in names if n]


def settle_memory() -> None:
    """Move everything loaded so far (modules, templates, the app) out of the garbage
    collector's sight: a page over 1,000 stories makes many short-lived objects, and
    rescanning the long-lived ones on each collection was a third of its time."""
    gc.collect()
    gc.freeze()


#: Seconds the warm-up waits for the first page before it loads the models anyway.
FIRST_PAGE_WAIT = 3.0


def warm_up(state: WebState) -> None:
    """Read the bank once, load the models (feedback, classifier, story vectors) and plan
    the default loop before the first page asks: the first dashboard over 1,000 stories then
    takes milliseconds, not a quarter second, and the first plan or question fit does not
    wait seconds for a model to load."""
    from loopprep.bank import Bank
    from loopprep.web.routes.dashboard import readiness_for
    from loopprep.web.routes.plan import DEFAULT_OPTIONS, plan_for

    try:
        with Bank.open(state.home, framework=state.framework) as bank:
            moment = state.clock()
            day = moment.astimezone().date()
            # the dashboard first: a first page asked meanwhile waits for this, not twice
            state.snapshots.get(bank, day)
            readiness_for(bank, state.snapshots, moment, day)
            # the models load on the same cores: let the first page (the browser opens
            # half a second after start) be served first
            state.page_served.wait(timeout=FIRST_PAGE_WAIT)
            from loopprep.feedback import default_labeller  # imports numpy, onnxruntime: after

            # the story vectors /questions/fit needs: computed once, kept in the store (the
            # first time, a commit: the dashboard's view is then built again below)
            bank.match("Tell me about a time you owned a problem.", limit=1)
            bank.classify(["Tell me about a time you disagreed."])  # the question classifier
            state.snapshots.get(bank, day)
            readiness_for(bank, state.snapshots, moment, day)
            plan_for(bank, state.snapshots, day, DEFAULT_OPTIONS)  # the plan page's first plan
        default_labeller().label(["I fixed it."])  # loads the sentence embedder too
    except Exception:  # a page will meet the same problem and show it properly
        return


def can_open_browser() -> bool:
    """A graphical browser is likely there (never start a text browser in the terminal)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def serve(home: Path, *, framework: str | None = None, host: str = DEFAULT_HOST,
          port: int = DEFAULT_PORT, open_browser: bool = False, allow_hosts: Sequence[str] = (),
          say: Callable[[str], None] = print) -> None:
    """Serve the bank in `home` until Ctrl+C (or SIGTERM); `allow_hosts` are more host names
    to answer to (say the name other machines reach this one by)."""
    import uvicorn

    from loopprep.web.app import create_app

    app = create_app(home, framework=framework, allowed_hosts=allowed_hosts_for(host, allow_hosts))
    sock = bind(host, port)
    address = address_of(sock)
    app.state.loopprep.address = address
    warning = exposure_warning(host)
    if warning:
        say(warning)
    say(f"loopprep is serving {home} at {address}  (Ctrl+C stops it)")
    if open_browser and can_open_browser():
        threading.Timer(0.5, webbrowser.open, args=(address,)).start()
    # SIGTERM / Ctrl+C: requests still running after 3 s are cut off, so the server stops
    # within 5 s even while a page is computing
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    settle_memory()
    warming = threading.Thread(target=warm_up, args=(app.state.loopprep,), daemon=True)
    warming.start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # Ctrl+C is how a user stops the server: not an error
    finally:
        sock.close()
        # onnxruntime aborts the process (std::bad_alloc, exit -6) when the interpreter
        # shuts down while a model is still loading: let the warm-up end first (~1 s)
        warming.join(timeout=15)
    say("loopprep stopped serving.")

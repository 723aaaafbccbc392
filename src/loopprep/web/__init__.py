"""The local web app: the same journey as the CLI in a browser, on 127.0.0.1 by default.

`create_app` (web/app.py) builds a plain ASGI object; `loopprep serve` runs it. Pages call
the library through `Bank` exactly as the CLI does.
"""

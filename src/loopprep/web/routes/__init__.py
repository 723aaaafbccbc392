"""The web app's areas, one module each (dashboard, stories, import, settings …): its
routes and its place in the navigation. A new area is a module with an `area` and one
line in `loopprep.web.app.AREAS`.
"""

from loopprep.web.pages import Area

__all__ = ["Area"]

"""HTTP server entry points, kept here for the CLI and callers: the code lives in ``newsevents.api``."""

from newsevents.api import create_app, serve

__all__ = ["create_app", "serve"]

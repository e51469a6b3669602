"""Old name of :mod:`app.ui.requests.window`, left only for ``app/ui/app.py`` and
``app/ui/tray.py`` (being restructured, issue 14). Delete this module once they import
``app.ui.requests.window`` directly; nothing else uses it."""

from app.ui.requests.window import RequestsWindow

__all__ = ["RequestsWindow"]

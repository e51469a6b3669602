"""*My requests* lives in :mod:`app.ui.requests`, one module per panel; this name stays for
the callers that open the window (the wizard's Done page, the app, scripts)."""

from app.ui.requests.window import RequestsWindow

__all__ = ["RequestsWindow"]

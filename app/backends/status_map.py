"""Mapping a helpdesk's own status names onto the common set, overridable per instance.

Every helpdesk lets its admins rename and add states, so each adapter ships
defaults and IT overrides them in ``backend.status_map`` (raw name = common
status). Unknown names map to ``unknown`` and the raw value is kept for display.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.core.model import Status


class StatusMap:
    """Raw status -> :class:`Status`, case-insensitive; overrides win over defaults."""

    def __init__(
        self, defaults: Mapping[str, Status], overrides: Mapping[str, str] | None = None
    ) -> None:
        self._map = {k.casefold(): v for k, v in defaults.items()}
        for raw, common in (overrides or {}).items():
            self._map[raw.casefold()] = Status.parse(common)

    def __call__(self, raw: str) -> Status:
        return self._map.get((raw or "").casefold(), Status.UNKNOWN)

    def raw_for(self, status: Status, preferred: str = "") -> str:
        """A raw value that maps to ``status``: ``preferred`` if it does, else the first one."""
        if preferred and self(preferred) is status:
            return preferred
        return next((raw for raw, common in self._map.items() if common is status), "")

"""A multipart/form-data body streamed from the files on disk, with a length."""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from typing import IO


class MultipartStream:
    """A multipart/form-data body read part by part, straight from the files on disk.

    requests' own ``files=`` builds the whole body in memory; this object has a
    length (so the request carries Content-Length, which RT's server needs) and
    a ``read`` that hands out the next block, so a 20 MB screenshot never sits
    in memory whole.
    """

    CHUNK = 64 * 1024

    def __init__(
        self,
        fields: Sequence[tuple[str, str, str]],
        files: Sequence[tuple[str, str, str, str]],
        boundary: str = "",
    ) -> None:
        """``fields``: (name, value, content type); ``files``: (name, filename, path, type)."""
        self.boundary = boundary or uuid.uuid4().hex
        self.content_type = f"multipart/form-data; boundary={self.boundary}"
        self._parts: list[bytes | str] = []  # bytes are literal, str is a path to stream
        for name, value, ctype in fields:
            self._parts.append(self._head(name, None, ctype) + value.encode() + b"\r\n")
        for name, filename, path, ctype in files:
            self._parts += [self._head(name, filename, ctype), path, b"\r\n"]
        self._parts.append(f"--{self.boundary}--\r\n".encode())
        self._length = sum(
            len(p) if isinstance(p, bytes) else os.path.getsize(p) for p in self._parts
        )
        self._index = 0
        self._buffer = b""
        self._open: IO[bytes] | None = None

    def _head(self, name: str, filename: str | None, ctype: str) -> bytes:
        disposition = f'form-data; name="{_quote(name)}"'
        if filename is not None:
            disposition += f'; filename="{_quote(filename)}"'
        return (
            f"--{self.boundary}\r\nContent-Disposition: {disposition}\r\n"
            f"Content-Type: {ctype}\r\n\r\n"
        ).encode()

    def __len__(self) -> int:
        return self._length

    def read(self, size: int = -1) -> bytes:
        size = self.CHUNK if size is None or size < 0 else size
        while len(self._buffer) < size and self._index < len(self._parts):
            part = self._parts[self._index]
            if isinstance(part, bytes):
                self._buffer += part
                self._index += 1
                continue
            if self._open is None:
                self._open = open(part, "rb")  # noqa: SIM115 - closed when exhausted
            block = self._open.read(size - len(self._buffer))
            if block:
                self._buffer += block
            else:
                self._open.close()
                self._open = None
                self._index += 1
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out

    def close(self) -> None:
        if self._open is not None:
            self._open.close()
            self._open = None


def _quote(text: str) -> str:
    """A name for a quoted Content-Disposition parameter, as RFC 7578 §4.2 and browsers do it.

    Only ``"``, CR and LF are percent-encoded; a backslash is not an escape there, so it
    stays as it is (doubling it turned ``a\\b.txt`` into ``a\\\\b.txt`` at the helpdesk).
    """
    return text.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")

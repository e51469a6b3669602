"""The technician's side of a reverse VNC connection, for tests: a listening RFB viewer.

TigerVNC's ``vncviewer -listen`` would need a display of its own and gives the test no
pixels to check; this small viewer listens on 127.0.0.1, speaks RFB 3.8 as RFC 6143 says
(ProtocolVersion, security type None, ClientInit/ServerInit, SetPixelFormat to 32-bit
true colour, SetEncodings Raw, FramebufferUpdateRequest) and sends PointerEvents, so a
test can read the frame the technician sees and try to click in it.
"""

from __future__ import annotations

import socket
import struct
import time


class RfbError(RuntimeError):
    pass


class Technician:
    """Listens on 127.0.0.1 (a free port); :meth:`accept` waits for the sharer to connect."""

    def __init__(self) -> None:
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(1)
        self.port = self.server.getsockname()[1]
        self.conn: socket.socket | None = None
        self.width = self.height = 0
        self.name = b""
        self.pixels = bytearray()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.server.close()

    def _recv(self, size: int) -> bytes:
        assert self.conn is not None
        data = b""
        while len(data) < size:
            chunk = self.conn.recv(size - len(data))
            if not chunk:
                raise RfbError("the sharer closed the connection")
            data += chunk
        return data

    def accept(self, timeout: float = 10.0) -> None:
        """Accept the reverse connection and do the RFB 3.8 handshake (RFC 6143, 7.1–7.3)."""
        self.server.settimeout(timeout)
        self.conn, _ = self.server.accept()
        self.conn.settimeout(timeout)
        version = self._recv(12)
        if not version.startswith(b"RFB 003."):
            raise RfbError(f"not RFB: {version!r}")
        self.conn.sendall(b"RFB 003.008\n")
        count = self._recv(1)[0]
        if count == 0:
            raise RfbError(self._recv(struct.unpack(">I", self._recv(4))[0]).decode())
        types = self._recv(count)
        if 1 not in types:
            raise RfbError(f"no security type None offered: {list(types)}")
        self.conn.sendall(b"\x01")
        if struct.unpack(">I", self._recv(4))[0] != 0:
            raise RfbError("security handshake failed")
        self.conn.sendall(b"\x01")  # ClientInit: shared
        self.width, self.height = struct.unpack(">HH", self._recv(4))
        self._recv(16)  # the server's pixel format; ours is set next
        self.name = self._recv(struct.unpack(">I", self._recv(4))[0])
        pixel_format = struct.pack(">BBBBHHHBBB3x", 32, 24, 0, 1, 255, 255, 255, 16, 8, 0)
        self.conn.sendall(b"\x00\x00\x00\x00" + pixel_format)  # SetPixelFormat
        self.conn.sendall(struct.pack(">BxHi", 2, 1, 0))  # SetEncodings: Raw
        self.pixels = bytearray(self.width * self.height * 4)

    def frame(self, timeout: float = 10.0) -> None:
        """Ask for the whole screen and read updates until every pixel has arrived once."""
        assert self.conn is not None
        self.conn.sendall(struct.pack(">BBHHHH", 3, 0, 0, 0, self.width, self.height))
        covered = 0
        deadline = time.monotonic() + timeout
        while covered < self.width * self.height:
            if time.monotonic() > deadline:
                raise RfbError("no full frame in time")
            kind = self._recv(1)[0]
            if kind == 0:  # FramebufferUpdate
                self._recv(1)
                (rects,) = struct.unpack(">H", self._recv(2))
                for _ in range(rects):
                    x, y, w, h, encoding = struct.unpack(">HHHHi", self._recv(12))
                    if encoding != 0:
                        raise RfbError(f"unexpected encoding {encoding}")
                    data = self._recv(w * h * 4)
                    for row in range(h):
                        start = ((y + row) * self.width + x) * 4
                        self.pixels[start : start + w * 4] = data[row * w * 4 : (row + 1) * w * 4]
                    covered += w * h
            elif kind == 1:  # SetColourMapEntries
                self._recv(3)
                (n,) = struct.unpack(">H", self._recv(2))
                self._recv(n * 6)
            elif kind == 2:  # Bell
                continue
            elif kind == 3:  # ServerCutText
                self._recv(3)
                self._recv(struct.unpack(">I", self._recv(4))[0])
            else:
                raise RfbError(f"unknown server message {kind}")

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        """(r, g, b) at x, y in the last frame (little-endian 32-bit: B, G, R, pad)."""
        start = (y * self.width + x) * 4
        b, g, r = self.pixels[start], self.pixels[start + 1], self.pixels[start + 2]
        return r, g, b

    def click(self, x: int, y: int) -> None:
        """PointerEvent: move, press button 1, release (RFC 6143, 7.5.5)."""
        assert self.conn is not None
        for mask in (0, 1, 0):
            self.conn.sendall(struct.pack(">BBHH", 5, mask, x, y))
            time.sleep(0.05)

    def key(self, keysym: int) -> None:
        """KeyEvent down and up (RFC 6143, 7.5.4)."""
        assert self.conn is not None
        for down in (1, 0):
            self.conn.sendall(struct.pack(">BBxxI", 4, down, keysym))

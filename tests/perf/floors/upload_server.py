"""Floor: a loopback HTTP receiver that reads a body as fast as Python can and drops it.

It stands for the helpdesk in the upload figure, for curl and for Helpline alike:
``readinto`` a reused 1 MiB buffer (no copy kept), then a small JSON ticket, which
is all Helpline's http adapter needs to call the create a success. Bound to
127.0.0.1 on a free port, which it prints as its first line; it runs until
terminated (the benchmark stops it by PID).
"""

from __future__ import annotations

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BUFFER = bytearray(1024 * 1024)


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, and 100-continue for curl

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        remaining = int(self.headers.get("Content-Length") or 0)
        view = memoryview(BUFFER)
        received = 0
        while remaining > 0:
            got = self.rfile.readinto(view[: min(remaining, len(BUFFER))])
            if not got:
                break
            remaining -= got
            received += got
        body = json.dumps(
            {
                "id": "1",
                "display_ref": "HL-1",
                "subject": "benchmark",
                "status": "new",
                "created_at": "2026-01-01T00:00:00+00:00",
                "received": received,
                "client_ref": self.headers.get("Idempotency-Key", ""),
            }
        ).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()

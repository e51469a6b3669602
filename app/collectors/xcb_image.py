"""Read the X11 root window through libxcb with ``ctypes``, without Qt.

Used by ``app.collectors.x11_capture`` on a thread of its own while Qt is still loading,
so everything here is about costing the process as little as possible while the GUI
thread works beside it:

* MIT-SHM first: the X server writes the picture straight into a shared memory segment,
  so no 8 MB travel through the socket and none are copied under the GIL (plain
  ``GetImage`` costs this process 3-8 ms of CPU and 2,000 page faults; MIT-SHM under 1 ms).
  The segment is marked for removal as soon as the server has attached it, so it cannot
  outlive the process.
* Plain ``GetImage`` when MIT-SHM is missing or refused (a server on another machine, a
  container with its own IPC namespace).
* Neither path copies the pixels: the image refers to the segment or the reply, which
  are released when the last image made from them is gone.

libxcb and libxcb-shm are what Qt's own xcb platform plugin links, so they are present
wherever Qt can show a window on X11. The structure layouts are those of xcb/xproto.h and
xcb/shm.h (X11 protocol, fixed since 1987 and 1991).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import NamedTuple

_Z_PIXMAP = 2  # XCB_IMAGE_FORMAT_Z_PIXMAP
_LSB_FIRST = 0  # XCB_IMAGE_ORDER_LSB_FIRST
_ALL_PLANES = 0xFFFFFFFF
_IMAGE_BYTE_ORDER_OFFSET = 30  # xcb_setup_t: status .. pixmap_formats_len come first
_IPC_PRIVATE, _IPC_CREAT, _IPC_RMID = 0, 0o1000, 0
_VOID = ctypes.c_void_p


class RootCapture(NamedTuple):
    """The whole X screen in device pixels, as 32-bit ``0xffRRGGBB`` words in memory
    order: exactly what ``QImage.Format_RGB32`` reads, rows of ``width * 4`` bytes. The
    memory is the X server's answer itself, released when nothing refers to ``data``."""

    width: int
    height: int
    data: memoryview


class _ScreenIterator(ctypes.Structure):
    _fields_ = [("data", _VOID), ("rem", ctypes.c_int), ("index", ctypes.c_int)]


class _Screen(ctypes.Structure):  # xcb_screen_t, the fixed part
    _fields_ = [
        ("root", ctypes.c_uint32),
        ("default_colormap", ctypes.c_uint32),
        ("white_pixel", ctypes.c_uint32),
        ("black_pixel", ctypes.c_uint32),
        ("current_input_masks", ctypes.c_uint32),
        ("width_in_pixels", ctypes.c_uint16),
        ("height_in_pixels", ctypes.c_uint16),
        ("width_in_millimeters", ctypes.c_uint16),
        ("height_in_millimeters", ctypes.c_uint16),
        ("min_installed_maps", ctypes.c_uint16),
        ("max_installed_maps", ctypes.c_uint16),
        ("root_visual", ctypes.c_uint32),
        ("backing_stores", ctypes.c_uint8),
        ("save_unders", ctypes.c_uint8),
        ("root_depth", ctypes.c_uint8),
        ("allowed_depths_len", ctypes.c_uint8),
    ]


class _Cookie(ctypes.Structure):
    _fields_ = [("sequence", ctypes.c_uint)]


class _ImageReply(ctypes.Structure):  # xcb_get_image_reply_t
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("depth", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("length", ctypes.c_uint32),
        ("visual", ctypes.c_uint32),
        ("pad0", ctypes.c_uint8 * 20),
    ]


class _ShmImageReply(ctypes.Structure):  # xcb_shm_get_image_reply_t
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("depth", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("length", ctypes.c_uint32),
        ("visual", ctypes.c_uint32),
        ("size", ctypes.c_uint32),
    ]


class _ExtensionReply(ctypes.Structure):  # xcb_query_extension_reply_t
    _fields_ = [
        ("response_type", ctypes.c_uint8),
        ("pad0", ctypes.c_uint8),
        ("sequence", ctypes.c_uint16),
        ("length", ctypes.c_uint32),
        ("present", ctypes.c_uint8),
        ("major_opcode", ctypes.c_uint8),
        ("first_event", ctypes.c_uint8),
        ("first_error", ctypes.c_uint8),
    ]


def _declare(lib: ctypes.CDLL, name: str, restype: object, *argtypes: object) -> None:
    function = getattr(lib, name)
    function.restype = restype
    function.argtypes = list(argtypes)


def _bind_xcb(xcb: ctypes.CDLL) -> None:
    _declare(xcb, "xcb_connect", _VOID, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int))
    _declare(xcb, "xcb_connection_has_error", ctypes.c_int, _VOID)
    _declare(xcb, "xcb_disconnect", None, _VOID)
    _declare(xcb, "xcb_get_setup", _VOID, _VOID)
    _declare(xcb, "xcb_setup_roots_iterator", _ScreenIterator, _VOID)
    _declare(xcb, "xcb_screen_next", None, ctypes.POINTER(_ScreenIterator))
    _declare(xcb, "xcb_generate_id", ctypes.c_uint32, _VOID)
    _declare(xcb, "xcb_request_check", _VOID, _VOID, _Cookie)
    _declare(xcb, "xcb_get_extension_data", ctypes.POINTER(_ExtensionReply), _VOID, _VOID)
    _declare(
        xcb,
        "xcb_get_image",
        _Cookie,
        _VOID,
        ctypes.c_uint8,
        ctypes.c_uint32,
        ctypes.c_int16,
        ctypes.c_int16,
        ctypes.c_uint16,
        ctypes.c_uint16,
        ctypes.c_uint32,
    )
    _declare(
        xcb,
        "xcb_get_image_reply",
        ctypes.POINTER(_ImageReply),
        _VOID,
        _Cookie,
        ctypes.POINTER(_VOID),
    )
    _declare(xcb, "xcb_get_image_data", _VOID, ctypes.POINTER(_ImageReply))
    _declare(xcb, "xcb_get_image_data_length", ctypes.c_int, ctypes.POINTER(_ImageReply))


def _bind_shm(shm: ctypes.CDLL, libc: ctypes.CDLL) -> None:
    _declare(
        shm,
        "xcb_shm_attach_checked",
        _Cookie,
        _VOID,
        ctypes.c_uint32,
        ctypes.c_uint32,
        ctypes.c_uint8,
    )
    _declare(shm, "xcb_shm_detach", _Cookie, _VOID, ctypes.c_uint32)
    _declare(
        shm,
        "xcb_shm_get_image",
        _Cookie,
        _VOID,
        ctypes.c_uint32,
        ctypes.c_int16,
        ctypes.c_int16,
        ctypes.c_uint16,
        ctypes.c_uint16,
        ctypes.c_uint32,
        ctypes.c_uint8,
        ctypes.c_uint32,
        ctypes.c_uint32,
    )
    _declare(
        shm,
        "xcb_shm_get_image_reply",
        ctypes.POINTER(_ShmImageReply),
        _VOID,
        _Cookie,
        ctypes.POINTER(_VOID),
    )
    _declare(libc, "shmget", ctypes.c_int, ctypes.c_int, ctypes.c_size_t, ctypes.c_int)
    _declare(libc, "shmat", _VOID, ctypes.c_int, _VOID, ctypes.c_int)
    _declare(libc, "shmdt", ctypes.c_int, _VOID)
    _declare(libc, "shmctl", ctypes.c_int, ctypes.c_int, ctypes.c_int, _VOID)


class _Release:
    """Calls ``release`` once, when the last image using the memory is gone."""

    def __init__(self, release: Callable[[], object]) -> None:
        self._release: Callable[[], object] | None = release

    def __del__(self) -> None:
        if self._release is not None:
            release, self._release = self._release, None
            release()


def _pixels(address: int, size: int, release: Callable[[], object]) -> memoryview:
    """``size`` bytes at ``address`` as a buffer that releases them when it is gone."""
    array = (ctypes.c_char * size).from_address(address)
    array.owner = _Release(release)  # type: ignore[attr-defined]
    return memoryview(array).cast("B")


class _Connection:
    """One connection to the X server and its default screen."""

    def __init__(self, xcb: ctypes.CDLL, libc: ctypes.CDLL, display: str | None) -> None:
        self.xcb, self.libc = xcb, libc
        number = ctypes.c_int(0)
        self.conn: int | None = xcb.xcb_connect(
            display.encode() if display else None, ctypes.byref(number)
        )
        self.screen: _Screen | None = None
        if not self.conn or xcb.xcb_connection_has_error(self.conn):
            return
        setup = xcb.xcb_get_setup(self.conn)
        if ctypes.c_uint8.from_address(setup + _IMAGE_BYTE_ORDER_OFFSET).value != _LSB_FIRST:
            return  # RGB32 in memory would read the channels backwards
        roots = xcb.xcb_setup_roots_iterator(setup)
        for _ in range(number.value):
            if roots.rem <= 0:
                return
            xcb.xcb_screen_next(ctypes.byref(roots))
        if roots.rem > 0 and roots.data:
            screen = _Screen.from_address(roots.data)
            if screen.root_depth in (24, 32) and screen.width_in_pixels and screen.height_in_pixels:
                self.screen = screen

    def close(self) -> None:
        if self.conn:
            self.xcb.xcb_disconnect(self.conn)
            self.conn = None

    def _free_error(self, error: _VOID) -> None:
        if error.value:
            self.libc.free(error)

    def read_shm(self, shm: ctypes.CDLL) -> memoryview | None:
        """The root through MIT-SHM; None when the server has no MIT-SHM or refuses it."""
        assert self.screen is not None
        extension = self.xcb.xcb_get_extension_data(
            self.conn, ctypes.addressof(ctypes.c_char.in_dll(shm, "xcb_shm_id"))
        )
        if not extension or not extension.contents.present:
            return None
        width, height = self.screen.width_in_pixels, self.screen.height_in_pixels
        size = width * height * 4
        libc = self.libc
        shmid = libc.shmget(_IPC_PRIVATE, size, _IPC_CREAT | 0o600)
        if shmid < 0:
            return None
        address = libc.shmat(shmid, None, 0)
        if address is None or address == ctypes.c_void_p(-1).value:
            libc.shmctl(shmid, _IPC_RMID, None)
            return None
        segment = self.xcb.xcb_generate_id(self.conn)
        refused = self.xcb.xcb_request_check(
            self.conn, shm.xcb_shm_attach_checked(self.conn, segment, shmid, 0)
        )
        libc.shmctl(shmid, _IPC_RMID, None)  # gone once the server and this process detach
        if refused:
            libc.free(refused)
            libc.shmdt(address)
            return None
        error = _VOID()
        reply = shm.xcb_shm_get_image_reply(
            self.conn,
            shm.xcb_shm_get_image(
                self.conn, self.screen.root, 0, 0, width, height, _ALL_PLANES, _Z_PIXMAP, segment, 0
            ),
            ctypes.byref(error),
        )
        self._free_error(error)
        shm.xcb_shm_detach(self.conn, segment)
        ok = bool(reply) and reply.contents.size == size
        if reply:
            libc.free(reply)
        if not ok:
            libc.shmdt(address)
            return None
        return _pixels(address, size, lambda: libc.shmdt(address))

    def read_plain(self) -> memoryview | None:
        """The root through a plain ``GetImage`` reply."""
        assert self.screen is not None
        width, height = self.screen.width_in_pixels, self.screen.height_in_pixels
        error = _VOID()
        reply = self.xcb.xcb_get_image_reply(
            self.conn,
            self.xcb.xcb_get_image(
                self.conn, _Z_PIXMAP, self.screen.root, 0, 0, width, height, _ALL_PLANES
            ),
            ctypes.byref(error),
        )
        self._free_error(error)
        if not reply:
            return None
        address = ctypes.cast(reply, _VOID).value
        libc = self.libc
        if self.xcb.xcb_get_image_data_length(reply) != width * height * 4:
            libc.free(address)  # not 32 bits per pixel without padding
            return None
        return _pixels(
            self.xcb.xcb_get_image_data(reply), width * height * 4, lambda: libc.free(address)
        )


def read_root(
    display: str | None = None,
    keep_open: Callable[[Callable[[], None]], None] | None = None,
    shared_memory: bool = True,
) -> RootCapture | None:
    """Read the default screen's root window; None when it cannot be read in a form RGB32
    shows correctly. Blocks while the X server copies the picture.

    ``keep_open`` receives the function that closes the connection instead of it being
    closed here: an X server with no other client (Xvfb without ``-noreset``) resets when
    its last client leaves, and Qt connecting during that reset waits 40-50 ms.
    ``shared_memory=False`` skips MIT-SHM (the tests read both ways).
    """
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
        libc = ctypes.CDLL(None)
    except OSError:
        return None
    _bind_xcb(xcb)
    _declare(libc, "free", None, _VOID)
    connection = _Connection(xcb, libc, display)
    try:
        if connection.screen is None:
            return None
        data = None
        if shared_memory:
            try:
                shm = ctypes.CDLL("libxcb-shm.so.0")
            except OSError:
                shm = None
            if shm is not None:
                _bind_shm(shm, libc)
                data = connection.read_shm(shm)
        if data is None:
            data = connection.read_plain()
        if data is None:
            return None
        return RootCapture(
            connection.screen.width_in_pixels, connection.screen.height_in_pixels, data
        )
    finally:
        if keep_open is None:
            connection.close()
        else:
            keep_open(connection.close)

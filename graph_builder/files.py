"""Writing a file whole or not at all, with the permissions any new file of the user gets.

A temporary file beside the target is written, flushed to disk and renamed over the target, so a
reader never sees half a file and a failure leaves the previous file as it was. ``mkstemp``
creates the temporary file readable by its owner only; the result gets the usual mode instead
(``0o666`` less the umask, e.g. ``rw-r--r--``), like a file written with ``open``.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "out.txt")
>>> atomic_write(path, lambda fh: fh.write(b"hello")).read_text()
'hello'
>>> oct(os.stat(path).st_mode & 0o777) == oct(0o666 & ~current_umask())
True
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_write", "current_umask"]

_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process umask (read by setting it and putting it back, under a lock)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], Any]) -> Path:
    """Call ``write(fh)`` on a temporary binary file beside ``path``, then rename it to ``path``.

    The parent folder must exist. On any error the temporary file is removed and the error
    raised as it is (callers turn ``OSError`` into their own one-line message).
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target

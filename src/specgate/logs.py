"""specgate's loggers, which escape control characters in every value they log.

A logged value can come from a request (a delete `reason`, a path) or from a key's e-mail: a CR/LF
in one would start a forged line in the log (issue 9, L2). Escaped, each record stays one line.
"""

from __future__ import annotations

import logging
import re

__all__ = ["CONTROLS", "EscapeControls", "escape_controls", "logger"]

# C0 and C1 controls, DEL, and the two Unicode line and paragraph separators.
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_controls(text: str) -> str:
    r"""`text` with each control character written as an escape (`\n`, `\x1b`, `\u2028`)."""
    return CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class EscapeControls(logging.Filter):
    """Escapes control characters in a record's arguments (the format string is ours)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_escaped(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _escaped(arg) for key, arg in record.args.items()}
        return True


def _escaped(value: object) -> object:
    if isinstance(value, (int, float)):
        return value
    return escape_controls(value if isinstance(value, str) else str(value))


def logger(name: str) -> logging.Logger:
    """The logger `name`, with EscapeControls on it (once)."""
    log = logging.getLogger(name)
    if not any(isinstance(f, EscapeControls) for f in log.filters):
        log.addFilter(EscapeControls())
    return log

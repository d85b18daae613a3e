"""Logged values cannot forge a log line: control characters are escaped (issue 9, L2)."""

from __future__ import annotations

import logging

import pytest

from specgate.logs import escape_controls, logger


def test_control_characters_are_escaped_printable_text_kept() -> None:
    assert escape_controls("a\r\nINFO forged") == "a\\r\\nINFO forged"
    assert escape_controls("\x00\x1b[31m\x7f\x85\u2028") == "\\x00\\x1b[31m\\x7f\\x85\\u2028"
    assert escape_controls("é ✓ \U0001f600 \\n") == "é ✓ \U0001f600 \\n"


def test_every_argument_of_a_specgate_log_record_is_one_line(caplog: pytest.LogCaptureFixture) -> None:
    log = logger("specgate.test")
    assert logger("specgate.test").filters == log.filters and len(log.filters) == 1  # added once

    class Loud:
        def __str__(self) -> str:
            return "line one\nline two"

    with caplog.at_level(logging.INFO, logger="specgate.test"):
        log.info("deleted by %s: %s (%r) %d", "a@x\r\nINFO specgate: forged", Loud(), "x\n", 7)
        log.info("%(who)s", {"who": "b\nc"})
    messages = [record.getMessage() for record in caplog.records]
    assert messages == [
        "deleted by a@x\\r\\nINFO specgate: forged: line one\\nline two ('x\\\\n') 7",
        "b\\nc",
    ]
    assert all("\n" not in m and "\r" not in m for m in messages)


def test_the_server_and_config_loggers_escape() -> None:
    from specgate import config
    from specgate.server import problems
    from specgate.server.routes import tool_services, tools

    for module in (config, problems, tool_services, tools):
        assert any(type(f).__name__ == "EscapeControls" for f in module.log.filters), module.__name__

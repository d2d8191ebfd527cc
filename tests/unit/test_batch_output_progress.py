"""The batch progress bar: counts, rate and failures on a terminal; silence in a log or pipe."""

from __future__ import annotations

import io

from visiondesk.cli.batch_progress import BatchProgress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_bar_counts_resumed_pairs_and_failures() -> None:
    stream = FakeTerminal()
    progress = BatchProgress(total=10, already_done=4, stream=stream)
    assert progress.enabled
    for ok in (True, False, True):
        progress.advance(ok)
    progress.write("failed: b.png × m: HTTP 502")
    progress.close()
    text = stream.getvalue()
    assert "4/10" in text and "7/10" in text
    assert "1 failed" in text and "img/s" in text
    assert "failed: b.png × m: HTTP 502\n" in text


def test_in_a_pipe_or_log_the_bar_stays_quiet() -> None:
    stream = io.StringIO()  # not a terminal
    progress = BatchProgress(total=3, stream=stream)
    assert not progress.enabled
    progress.advance(False)
    progress.close()
    assert stream.getvalue() == ""


def test_batch_api_polls_set_absolute_counts() -> None:
    stream = FakeTerminal()
    progress = BatchProgress(total=20, stream=stream)
    progress.set_done(12, 2)
    progress.set_done(20, 3)
    progress.close()
    assert "12/20" in stream.getvalue() and "20/20" in stream.getvalue()
    assert progress.failed == 3

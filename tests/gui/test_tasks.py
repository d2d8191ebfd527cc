"""The window's task owner cancels exactly what it is asked to: image 3 is not image 31, pane 1
is not pane 12 (names used to be matched as string prefixes)."""

from __future__ import annotations

import asyncio
from typing import Any


def test_cancelling_image_3_and_pane_1_leaves_image_31_and_pane_12_running(qapp: Any, run: Any) -> None:
    from visiondesk.gui.tasks import TaskOwner

    owner = TaskOwner()

    async def scenario() -> dict[tuple[object, ...], bool]:
        keys = [("image", 3), ("image", 3, "page"), ("image", 31), ("image", 31, "page"),
                ("pane", 1), ("pane", 12)]
        tasks = {key: owner.spawn(key, asyncio.sleep(30)) for key in keys}
        await asyncio.sleep(0)
        assert owner.cancel(("image", 3)) == 2   # the image and its page render
        assert owner.cancel(("pane", 1)) == 1
        await asyncio.sleep(0)
        cancelled = {key: task.cancelled() for key, task in tasks.items()}
        await owner.shutdown()
        return cancelled

    cancelled = run(scenario())
    assert cancelled == {("image", 3): True, ("image", 3, "page"): True, ("image", 31): False,
                         ("image", 31, "page"): False, ("pane", 1): True, ("pane", 12): False}


def test_a_failing_task_is_said_in_words_not_a_traceback(qapp: Any, run: Any) -> None:
    from visiondesk.core.errors import AnalysisError, ErrorFact, ErrorKind
    from visiondesk.gui.tasks import TaskOwner

    owner = TaskOwner()
    said: list[str] = []
    owner.failed.connect(said.append)

    async def boom() -> None:
        raise AnalysisError(ErrorKind.IMAGE, "photo.png does not exist.",
                            facts=frozenset({ErrorFact.SOURCE_MISSING}))

    async def scenario() -> None:
        await asyncio.gather(owner.spawn(("image", 1), boom()), return_exceptions=True)
        await asyncio.sleep(0)

    run(scenario())
    # the advice fits the failure: a missing file is not "re-save the image as PNG"
    assert said == ["photo.png does not exist. Check that the file still exists."]

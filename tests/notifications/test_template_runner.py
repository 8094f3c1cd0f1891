"""Deployment templates render in separate processes: a slow one is killed, the message goes."""

from __future__ import annotations

import asyncio
import sys
import time
import uuid
from collections.abc import AsyncIterator

import pytest

from notifications import template_runner
from notifications.content import match_context, render_match_message, sample_notice
from notifications.template_runner import TemplateRunner
from notifications.templates import InvalidTemplate, TemplateSet
from tests.notifications.test_content import STAMP, notice
from tests.procfs import command_line, processes

SLOW = TemplateSet(
    subject="{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}"
    "{% endfor %}{% endfor %}{% endfor %}",
    text="t",
    html="h",
)
GOOD = TemplateSet(subject="Hi {{ reader.name }}", text="{{ partner_names }}", html="<p>x</p>")


@pytest.fixture
async def runner() -> AsyncIterator[TemplateRunner]:
    started = TemplateRunner(processes=2, render_seconds=1.0)
    yield started
    await started.close()


async def test_a_slow_deployment_template_falls_back_to_the_built_in_message(
    runner: TemplateRunner,
) -> None:
    began = time.monotonic()
    message = await render_match_message(
        notice=notice(), templates=SLOW, stamp=STAMP, runner=runner
    )
    assert time.monotonic() - began < 5
    assert message.subject == "Your coffee chat with Grace"
    again = await render_match_message(notice=notice(), templates=GOOD, stamp=STAMP, runner=runner)
    assert again.subject == "Hi Ada"


async def test_the_event_loop_runs_on_while_a_template_renders(runner: TemplateRunner) -> None:
    context = match_context(notice=sample_notice())
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    ticker = asyncio.create_task(tick())
    with pytest.raises(InvalidTemplate) as refused:
        await runner.render(templates=SLOW, context=context)
    ticker.cancel()
    assert refused.value.reason == "TOO_SLOW"
    assert ticks >= 10  # about 20 in the second the render was given


async def test_renders_share_the_pool_and_a_killed_process_is_replaced(
    runner: TemplateRunner,
) -> None:
    context = match_context(notice=sample_notice())
    results = await asyncio.gather(
        *(runner.render(templates=GOOD, context=context) for _ in range(6)),
        runner.render(templates=SLOW, context=context),
        return_exceptions=True,
    )
    assert [r.subject for r in results[:6] if isinstance(r, TemplateSet)] == ["Hi Ada"] * 6
    assert isinstance(results[6], InvalidTemplate)
    assert (await runner.render(templates=GOOD, context=context)).text == "Grace"


async def test_an_idle_process_ends_and_a_new_one_renders() -> None:
    runner = TemplateRunner(processes=1, render_seconds=5.0, idle_seconds=0.3)
    context = match_context(notice=sample_notice())
    try:
        assert (await runner.render(templates=GOOD, context=context)).subject == "Hi Ada"
        (idle,) = [child for child in list(runner._slots._queue) if child is not None]  # type: ignore[attr-defined]
        await asyncio.wait_for(idle.process.wait(), 5)
        assert (await runner.render(templates=GOOD, context=context)).subject == "Hi Ada"
    finally:
        await runner.close()


async def test_a_process_that_never_starts_is_killed_when_its_start_times_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    marker = f"never-ready-{uuid.uuid4().hex}"
    command = (sys.executable, "-c", f"import time; time.sleep(120)  # {marker}")
    monkeypatch.setattr(template_runner, "COMMAND", command)
    monkeypatch.setattr(template_runner, "START_SECONDS", 0.5)
    runner = TemplateRunner(processes=1)
    try:
        with pytest.raises(InvalidTemplate):
            await runner.render(
                templates=TemplateSet(subject="hi", text="hello", html="<p>hello</p>"), context={}
            )
    finally:
        await runner.close()
    left = [
        pid for pid in processes() if any(marker.encode() in part for part in command_line(pid))
    ]
    assert left == []

"""Documented problem responses, get-or-404's visibility rule and the tests' one wait_until."""

from __future__ import annotations

import pytest

from sosai_shared.errors import NotFound
from sosai_shared.lookups import found, not_found
from sosai_shared.problems import AUTH, Problem, problem_responses
from sosai_shared.testing import wait_until, wait_until_blocking


def test_problem_responses_document_each_status_with_the_problem_model() -> None:
    responses = problem_responses(404, 409, types={404: "application-not-found"})
    assert sorted(responses) == [404, 409]
    assert all(r["model"] is Problem for r in responses.values())
    assert responses[404]["description"].endswith(": application-not-found")
    assert sorted(AUTH) == [401, 403]
    # a status named only in types is documented as well
    assert sorted(problem_responses(types={422: "unknown-certificate"})) == [422]


def test_every_status_the_platform_documents_has_its_own_description() -> None:
    """415 included (uploads of CSV): a route listing it must not fall back to the bare "error"."""
    for status in (400, 401, 403, 404, 409, 413, 415, 422, 503):
        assert problem_responses(status)[status]["description"] != "error", status
    assert "media type" in problem_responses(415)[415]["description"]


def test_not_found_is_the_things_problem_and_hides_what_the_caller_may_not_see() -> None:
    problem = not_found("price indication", 7)
    assert (problem.status, problem.type, problem.title) == (
        404,
        "price-indication-not-found",
        "Price indication not found",
    )
    assert found("row", "thing", 1) == "row"
    with pytest.raises(NotFound):
        found(None, "thing", 1)
    with pytest.raises(NotFound) as caught:
        found({"org": "b"}, "account", "a-1", visible=lambda a: a["org"] == "a")
    assert caught.value.type == "account-not-found"


async def test_wait_until_returns_the_first_truthy_value_of_sync_or_async_probes() -> None:
    calls: list[int] = []

    def sync_probe() -> int | None:
        calls.append(1)
        return len(calls) if len(calls) >= 3 else None

    assert await wait_until(sync_probe, interval=0) == 3

    async def async_probe() -> str:
        return "ready"

    assert await wait_until(async_probe) == "ready"


async def test_wait_until_treats_transient_errors_as_not_yet_and_fails_with_the_last_value() -> None:
    attempts: list[int] = []

    def flaky() -> bool:
        attempts.append(1)
        if len(attempts) < 2:
            raise ConnectionError("restarting")
        return True

    assert await wait_until(flaky, interval=0, transient=(ConnectionError,)) is True
    with pytest.raises(AssertionError, match="last: 0"):
        await wait_until(lambda: 0, timeout=0, interval=0)


def test_wait_until_blocking_serves_synchronous_tests() -> None:
    assert wait_until_blocking(lambda: "done", timeout=1) == "done"

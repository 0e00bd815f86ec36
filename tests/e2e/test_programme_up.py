"""The four services start as processes on the tier's broker and database and see each other."""

from __future__ import annotations

from e2e_support import Programme

from sosai_shared.processes import SERVICES


def test_every_service_is_ready_with_docs_and_metrics(programme: Programme) -> None:
    for name in (spec.name for spec in SERVICES):
        c = programme.client(name)
        ready = c.get("/readyz")
        assert ready.status_code == 200 and ready.json()["checks"] == {"database": "ok", "schema": "ok"}
        spec = c.get("/openapi.json").json()
        if not any(p.startswith("/v1/") for p in spec["paths"]):
            # the public site (explorer): its pages are HTML for people, not API operations
            home = c.get("/")
            assert home.status_code == 200 and home.headers["content-type"].startswith("text/html"), name
        metrics = c.get("/metrics").text
        assert "sosai_http_requests_total" in metrics and "sosai_outbox_backlog" in metrics

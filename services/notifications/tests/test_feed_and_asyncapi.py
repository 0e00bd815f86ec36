"""The public change feed (JSON pages and Atom) and the AsyncAPI document."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import httpx
import jsonschema
from fastapi import FastAPI
from notifications_support import feed, issued, project, retired, transferred

from sosai_shared.contracts import TOPICS, all_contracts

HERE = Path(__file__).resolve().parent
ATOM = "{http://www.w3.org/2005/Atom}"


async def test_feed_pages_every_public_event_once_in_a_stable_order(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    expected = []
    for n in range(60):
        p = project(n)
        await feed(app, p)
        expected.append(p.project_id)
        if n % 10 == 0:
            await feed(app, transferred("org-a", "org-b"))  # never public
            r = retired("org-a")
            await feed(app, r)
            expected.append(r.retirement_id)
        if n % 20 == 0:
            await feed(app, issued("org-a", p.project_id, n))
            expected.append(p.project_id)
    seen, after, pages = [], None, 0
    while True:
        params = {"limit": 25} | ({"after": after} if after else {})
        page = (await client.get("/v1/public/feed", params=params)).json()
        pages += 1
        seen.extend(page["items"])
        after = page["next_cursor"]
        if not page["more"]:
            break
    assert pages == (len(expected) + 24) // 25
    assert [
        i["subject"] if "retired" not in i["type"] else i["data"]["retirement_id"] for i in seen
    ] == expected
    assert not any("transferred" in i["type"] for i in seen)
    assert all("account_id" not in i["data"] for i in seen)
    # polling from the last cursor finds nothing new, then exactly what arrived since
    empty = (await client.get("/v1/public/feed", params={"after": after})).json()
    assert empty["items"] == [] and empty["next_cursor"] == after
    await feed(app, project(999))
    nxt = (await client.get("/v1/public/feed", params={"after": after})).json()
    assert [i["subject"] for i in nxt["items"]] == ["prj-0999"]
    bad = await client.get("/v1/public/feed", params={"after": "not-a-cursor"})
    assert bad.status_code == 422

    atom = await client.get("/v1/public/feed.atom", params={"limit": 10})
    assert atom.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(atom.content)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 10
    terms = {e.find(f"{ATOM}category").get("term") for e in entries}  # type: ignore[union-attr]
    assert "jp.sosai.registry.project.registered.v1" in terms
    assert root.find(f"{ATOM}link[@rel='next']") is not None
    first = json.loads(entries[0].find(f"{ATOM}content").text or "")  # type: ignore[union-attr]
    assert first["data"]["project_id"] == "prj-0000"


async def test_asyncapi_document_is_valid_and_covers_every_contract(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    doc = (await client.get("/asyncapi.json")).json()
    # the AsyncAPI 3.0.0 JSON Schema, as shipped by the @asyncapi/specs package (Apache-2.0)
    schema = json.loads((HERE / "asyncapi-3.0.0-schema.json").read_text())
    jsonschema.Draft7Validator(schema).validate(doc)
    assert doc["asyncapi"] == "3.0.0"
    messages = doc["components"]["messages"]
    assert {m["name"] for m in messages.values()} == set(all_contracts())
    assert {c["address"] for c in doc["channels"].values() if c["address"]} == set(TOPICS.values())
    for name, msg in messages.items():
        assert msg["examples"], f"{name} has no stored example"
        # every stored example's data validates against the message's payload schema
        payload_schema = {"components": doc["components"], **msg["payload"]}
        for ex in msg["examples"]:
            jsonschema.Draft202012Validator(payload_schema).validate(ex["payload"])
        for ref in ("kafka",):
            assert ref in msg["bindings"]
    channel_of = {c["address"]: c for c in doc["channels"].values()}
    for event_type, contract in all_contracts().items():
        names = [
            messages[r["$ref"].rsplit("/", 1)[1]]["name"]
            for r in channel_of[contract.topic]["messages"].values()
        ]
        assert event_type in names
    assert doc["operations"]["deliver_webhook"]["bindings"]["http"]["method"] == "POST"
    page = await client.get("/asyncapi.html")
    assert page.status_code == 200 and "jp.sosai.registry.credits.retired.v1" in page.text

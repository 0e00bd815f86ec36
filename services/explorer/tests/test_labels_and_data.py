"""Live carbon labels (SVG + JSON-LD) that follow revocations by event, and the open data downloads."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import httpx
from explorer_helpers import certified, envelope, feed_all, programme, publish
from fastapi import FastAPI

from sosai_explorer.opendata.datasets import DATASETS
from sosai_shared.contracts import CertificateRevokedV1, FootprintCalculatedV1
from sosai_shared.testing import wait_until


async def test_label_shows_tonnes_coverage_and_status_and_links_to_verification(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await feed_all(app, programme())
    r = await client.get("/labels/CO-2010-001.svg?lang=en")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert "no-cache" in r.headers["cache-control"]
    svg = r.text
    assert "13 t-CO2 offset" in svg and "all (carbon neutral)" in svg and ">Valid" in svg
    assert "/verify/CO-2010-001?lang=en" in svg
    ld = (await client.get("/labels/CO-2010-001.jsonld?lang=en")).json()
    assert ld["@type"] == "Certification" and ld["certificationStatus"] == "valid"
    assert ld["hasMeasurement"]["value"] == 13 and ld["url"].endswith("/verify/CO-2010-001")
    ja = (await client.get("/labels/CO-2010-001.svg?lang=ja")).text
    assert "t-CO2 オフセット" in ja and "有効" in ja
    unknown = await client.get("/labels/CO-2099-999.svg")
    assert unknown.status_code == 404 and "<svg" in unknown.text
    assert (await client.get("/labels/CO-2099-999.jsonld")).status_code == 404


async def test_label_turns_revoked_once_the_revocation_event_arrives(
    app: FastAPI, client: httpx.AsyncClient, bootstrap_servers: str, topic_prefix: str
) -> None:
    cert = certified("CO-2010-042", "app-42", footprint_id="fp-42")
    fp = next(p for p in programme() if isinstance(p, FootprintCalculatedV1)).model_copy(
        update={"footprint_id": "fp-42"}
    )
    await publish(bootstrap_servers, topic_prefix, [(fp, envelope(fp)), (cert, envelope(cert))])

    async def label(text: str) -> str | None:
        svg = (await client.get("/labels/CO-2010-042.svg?lang=en")).text
        return svg if text in svg else None

    before = await wait_until(lambda: label(">Valid"), timeout=120)
    assert "Revoked" not in before
    revoked = CertificateRevokedV1(
        application_id="app-42",
        certificate_number="CO-2010-042",
        reason="Claim withdrawn",
        revoked_at=cert.certified_at,
    )
    await publish(bootstrap_servers, topic_prefix, [(revoked, envelope(revoked))])
    after = await wait_until(lambda: label(">Revoked"), timeout=60)
    assert ">Valid" not in after and "#9b1c1c" in after
    page = (await client.get("/verify/CO-2010-042?lang=en")).text
    assert "Does not verify" in page and "Claim withdrawn" in page
    assert (await client.get("/labels/CO-2010-042.jsonld")).json()["certificationStatus"] == "revoked"


async def test_verification_fails_when_a_retirement_is_claimed_twice(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await feed_all(app, [*programme(), certified("CO-2010-002", "app-2", footprint_id=None, session_id=None)])
    page = (await client.get("/verify/CO-2010-002?lang=en")).text
    assert "Does not verify" in page
    assert '<li class="fail">✗ No retirement is claimed by another certificate</li>' in page


async def test_every_list_as_csv(app: FastAPI, client: httpx.AsyncClient) -> None:
    await feed_all(app, programme())
    r = await client.get("/data/retirements.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert {row["entry_id"] for row in rows} == {"ret-1", "ret-2"}
    assert next(row for row in rows if row["entry_id"] == "ret-1")["beneficiary"] == "EXPO organisers"
    movements = list(
        csv.DictReader(
            io.StringIO((await client.get("/data/serial_movements.csv")).content.decode("utf-8-sig"))
        )
    )
    assert sorted({m["kind"] for m in movements}) == [
        "buffer_reversed",
        "cancelled",
        "issued",
        "retired",
        "transferred",
    ]


async def test_whole_dataset_archive_with_its_data_package(app: FastAPI, client: httpx.AsyncClient) -> None:
    await feed_all(app, programme())
    r = await client.get("/data/sosai-open-data.zip")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(r.content))
    assert archive.testzip() is None
    package = json.loads(archive.read("datapackage.json"))
    assert package["profile"] == "tabular-data-package"
    assert [res["path"] for res in package["resources"]] == [d.path for d in DATASETS]
    for res in package["resources"]:
        header = next(csv.reader(io.StringIO(archive.read(res["path"]).decode("utf-8"))))
        assert header == [f["name"] for f in res["schema"]["fields"]], res["name"]
        assert set(res["schema"]["primaryKey"]) <= set(header)
    projects = list(csv.DictReader(io.StringIO(archive.read("projects.csv").decode("utf-8"))))
    assert sorted(p["prefecture"] for p in projects) == ["hokkaido", "kochi", "tokyo"]
    assert (await client.get("/data/datapackage.json")).json() == package

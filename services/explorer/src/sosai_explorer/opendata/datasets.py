"""The public datasets: one table each, with the Frictionless field types of its columns.

Each dataset is a list of (column, Frictionless type) over one read-model table, in a fixed
order; CSV files, the archive and ``datapackage.json`` are all generated from this list, so a
column can never be in the file and missing from the descriptor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sosai_explorer.models import (
    Certificate,
    CreditCertification,
    LedgerBlock,
    LedgerEntry,
    OutreachSession,
    Project,
    Provider,
)


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    model: type[Any]
    fields: tuple[tuple[str, str], ...]
    primary_key: tuple[str, ...]
    where: tuple[tuple[str, Any], ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.csv"


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "projects",
        "Registered J-VER projects",
        Project,
        (
            ("project_id", "string"),
            ("project_code", "string"),
            ("name", "string"),
            ("proponent_org", "string"),
            ("methodology_code", "string"),
            ("category", "string"),
            ("prefecture", "string"),
            ("programme", "string"),
            ("registered_at", "datetime"),
        ),
        ("project_id",),
    ),
    Dataset(
        "credit_certifications",
        "Reductions and removals certified per monitoring period",
        CreditCertification,
        (
            ("certification_id", "string"),
            ("project_id", "string"),
            ("quantity", "integer"),
            ("vintage", "integer"),
            ("period_start", "date"),
            ("period_end", "date"),
            ("certified_at", "datetime"),
        ),
        ("certification_id",),
    ),
    Dataset(
        "issuances",
        "Credit issuances (with the share sent to the buffer)",
        LedgerEntry,
        (
            ("entry_id", "string"),
            ("project_id", "string"),
            ("quantity", "integer"),
            ("buffer_quantity", "integer"),
            ("to_org", "string"),
            ("at", "datetime"),
        ),
        ("entry_id",),
        (("kind", "issued"),),
    ),
    Dataset(
        "retirements",
        "Retirements: credits used for offsets, with beneficiary and purpose",
        LedgerEntry,
        (
            ("entry_id", "string"),
            ("quantity", "integer"),
            ("from_org", "string"),
            ("beneficiary", "string"),
            ("use", "string"),
            ("purpose", "string"),
            ("footprint_id", "string"),
            ("session_id", "string"),
            ("application_id", "string"),
            ("at", "datetime"),
        ),
        ("entry_id",),
        (("kind", "retired"),),
    ),
    Dataset(
        "serial_movements",
        "Every serial range moved by every transaction (issued, transferred, retired, cancelled, buffer reversed)",
        LedgerBlock,
        (
            ("entry_id", "string"),
            ("kind", "string"),
            ("serial", "string"),
            ("start", "integer"),
            ("end", "integer"),
            ("quantity", "integer"),
            ("project_id", "string"),
            ("vintage", "integer"),
            ("credit_type", "string"),
            ("programme", "string"),
            ("at", "datetime"),
        ),
        ("entry_id", "start"),
    ),
    Dataset(
        "certificates",
        "Certified carbon offsets and their validity",
        Certificate,
        (
            ("number", "string"),
            ("applicant_org", "string"),
            ("offset_type", "string"),
            ("subject_name", "string"),
            ("credits_retired", "integer"),
            ("valid_from", "date"),
            ("valid_until", "date"),
            ("certified_at", "datetime"),
            ("revoked_at", "datetime"),
            ("revocation_reason", "string"),
        ),
        ("number",),
    ),
    Dataset(
        "providers",
        "Anshin providers",
        Provider,
        (
            ("provider_id", "string"),
            ("org", "string"),
            ("name", "string"),
            ("status", "string"),
            ("registered_at", "datetime"),
        ),
        ("provider_id",),
    ),
    Dataset(
        "sessions",
        "Outreach sessions and their carbon cards",
        OutreachSession,
        (
            ("session_id", "string"),
            ("programme_code", "string"),
            ("title", "string"),
            ("prefecture", "string"),
            ("starts_at", "datetime"),
            ("ends_at", "datetime"),
            ("cancelled_at", "datetime"),
            ("credits_retired", "integer"),
            ("certificate_number", "string"),
        ),
        ("session_id",),
    ),
)
BY_NAME = {d.name: d for d in DATASETS}


def descriptor(base_url: str) -> dict[str, Any]:
    """The Frictionless (tabular) data package describing every CSV of the archive."""
    return {
        "profile": "tabular-data-package",
        "name": "sosai-open-data",
        "title": "Sōsai: the carbon offset programme's public data",
        "homepage": base_url,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "CC BY 4.0",
            }
        ],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": d.name,
                "title": d.title,
                "path": d.path,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [{"name": n, "type": t} for n, t in d.fields],
                    "primaryKey": list(d.primary_key),
                },
            }
            for d in DATASETS
        ],
    }

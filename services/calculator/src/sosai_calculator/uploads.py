"""CSV bodies of uploads (factor sets, activity data): ``text/csv`` or the file part of a multipart form."""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import HTTP

from sosai_shared.errors import Unprocessable


def csv_from_body(content_type: str, body: bytes) -> str:
    """The CSV text of a ``text/csv`` body, or of the first file part of a ``multipart/form-data`` body."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("text/csv", "text/plain", "application/csv"):
        raw = body
    elif ctype == "multipart/form-data":
        msg = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        parts = (
            [
                p
                for p in msg.iter_parts()
                if p.get_filename() or p.get_param("name", header="content-disposition") in ("file", "csv")
            ]
            if msg.is_multipart()
            else []
        )
        if not parts:
            raise Unprocessable(
                "The multipart body has no CSV file part (name it 'file').", type="invalid-upload"
            )
        payload = parts[0].get_payload(decode=True)
        raw = payload if isinstance(payload, bytes) else b""
    else:
        raise Unprocessable(
            "Send the CSV as text/csv or multipart/form-data.",
            type="unsupported-media-type",
            status=415,
            title="Unsupported media type",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unprocessable("The CSV must be UTF-8.", type="invalid-upload") from exc

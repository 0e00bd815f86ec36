"""Signed facts: EdDSA (Ed25519) compact JWS with joserfc, and the keys that verify them.

A service signs what it owns (the registry its retirements and log head, certification its
certificates); anyone verifies with the service's published keys at ``/.well-known/jwks.json``.

Keys come from the environment (``SOSAI_<SERVICE>_SIGNING_KEY``: an Ed25519 private key in PEM,
or ``..._SIGNING_KEY_FILE``: a path to one). Rotation: ``..._SIGNING_PREVIOUS_KEYS`` holds the
public JWKs (a JSON list or ``{"keys": [...]}``) of keys no longer used for signing; they stay
published so that every signature made with them still verifies. Outside production, a missing
key is generated once into ``var/keys/<service>.pem`` (so ``make run`` works and restarts keep it).

``EdDSA`` is RFC 8037's algorithm name, which every maintained JOSE library verifies; RFC 9864's
fully specified ``Ed25519`` is the same signature, not yet understood everywhere.
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, OKPKey

from sosai_shared.auth import public

ALG = "EdDSA"
TYP = "sosai-fact+jws"


@contextmanager
def _eddsa() -> Iterator[None]:
    # joserfc warns that RFC 9864 deprecates the name; we keep it deliberately (see module doc)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*EdDSA.*")
        yield


class InvalidSignature(ValueError):
    """The JWS is malformed, signed by an unknown key, or its signature does not match."""


def canonical(doc: Any) -> bytes:
    """The bytes that are signed: JSON with sorted keys and no insignificant whitespace."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


class Signer:
    """One service's signing key and every public key it publishes."""

    def __init__(self, key: OKPKey, previous: list[dict[str, Any]] | None = None) -> None:
        self.kid = key.thumbprint()
        self.key = OKPKey.import_key(key.as_dict(private=True), {"kid": self.kid})
        self.previous = [dict(k) for k in previous or []]

    def sign(self, doc: Any) -> str:
        with _eddsa():
            return jws.serialize_compact(
                {"alg": ALG, "kid": self.kid, "typ": TYP}, canonical(doc), self.key, algorithms=[ALG]
            )

    def jwks(self) -> dict[str, Any]:
        current = {**self.key.as_dict(private=False), "kid": self.kid, "alg": ALG, "use": "sig"}
        return {"keys": [current, *(k for k in self.previous if k.get("kid") != self.kid)]}


def verify(token: str, jwks: dict[str, Any]) -> Any:
    """The signed document, if ``token`` verifies against one of ``jwks``' keys; else InvalidSignature."""
    try:
        keys = KeySet.import_key_set(jwks)  # type: ignore[arg-type]
        with _eddsa():
            obj = jws.deserialize_compact(token, keys, algorithms=[ALG])
        return json.loads(obj.payload)
    except (JoseError, ValueError, KeyError, TypeError) as exc:
        raise InvalidSignature(f"signature not valid: {exc}") from exc


def _env(service: str, name: str) -> str | None:
    return os.environ.get(f"SOSAI_{service.upper().replace('-', '_')}_SIGNING_{name}")


def load_signer(service: str, *, environment: str, var_dir: Path) -> Signer:
    pem = _env(service, "KEY")
    path = _env(service, "KEY_FILE")
    if pem is None and path is not None:
        pem = Path(path).read_text()
    if pem is None:
        if environment == "production":
            raise RuntimeError(f"SOSAI_{service.upper()}_SIGNING_KEY is required in production")
        dev = var_dir / "keys" / f"{service}.pem"
        if not dev.exists():
            dev.parent.mkdir(parents=True, exist_ok=True)
            dev.write_bytes(OKPKey.generate_key("Ed25519").as_pem(private=True))
            dev.chmod(0o600)
        pem = dev.read_text()
    previous = json.loads(_env(service, "PREVIOUS_KEYS") or "[]")
    if isinstance(previous, dict):
        previous = previous.get("keys", [])
    return Signer(OKPKey.import_key(pem), previous)


def signer_of(request: Request) -> Signer:
    """The app's signer, loaded once from its settings."""
    state = request.app.state
    if getattr(state, "signer", None) is None:
        from sosai_shared.settings import repo_var_dir

        settings = state.runtime.settings
        state.signer = load_signer(
            settings.service_name, environment=settings.environment, var_dir=repo_var_dir()
        )
    signer: Signer = state.signer
    return signer


jwks_router = APIRouter(tags=["keys"])


@jwks_router.get(
    "/.well-known/jwks.json",
    dependencies=[public],
    summary="Public keys that verify this service's signed facts (old keys stay while in use)",
)
async def jwks(request: Request) -> dict[str, Any]:
    return signer_of(request).jwks()

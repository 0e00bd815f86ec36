"""The development issuer as a real process, for tests: the one ``make run`` starts.

Two fixtures: ``issuer`` names itself by its URL (like Keycloak's realm URL) and signs with keys a
test can rotate (a file it re-reads on every request: the first key signs, all are published);
``dev_issuer`` is the issuer exactly as ``make run`` runs it (the development key and issuer name,
so services that trust the development key take its tokens).
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from joserfc.jwk import OKPKey

# inside the tests' own range (SOSAI_E2E_PORT_BASE .. +99), clear of the end-to-end services (+90, +91)
PORT = int(os.environ.get("SOSAI_E2E_PORT_BASE", "18900")) + 90


def new_key(kid: str) -> dict[str, Any]:
    key = OKPKey.generate_key("Ed25519", parameters={"kid": kid, "alg": "EdDSA"}, private=True)
    return dict(key.as_dict(private=True))


class Issuer:
    def __init__(self, url: str, keys_file: Path | None, proc: subprocess.Popen[bytes]) -> None:
        self.url, self.keys_file, self.proc = url, keys_file, proc

    def publish(self, *keys: dict[str, Any]) -> None:
        assert self.keys_file is not None, "the dev_issuer fixture signs with the development key"
        self.keys_file.write_text(json.dumps(list(keys)))

    def discovery(self) -> dict[str, Any]:
        body: dict[str, Any] = httpx.get(self.url + "/.well-known/openid-configuration").json()
        return body

    def jwks(self) -> dict[str, Any]:
        body: dict[str, Any] = httpx.get(self.discovery()["jwks_uri"]).json()
        return body

    def token(
        self,
        client: str,
        secret: str,
        scope: str | None = None,
        *,
        basic: bool = True,
        grant_type: str = "client_credentials",
    ) -> httpx.Response:
        form = {"grant_type": grant_type, **({"scope": scope} if scope else {})}
        if basic:
            auth = base64.b64encode(f"{client}:{secret}".encode()).decode()
            return httpx.post(self.url + "/token", data=form, headers={"Authorization": f"Basic {auth}"})
        return httpx.post(self.url + "/token", data={**form, "client_id": client, "client_secret": secret})

    def access_token(self, client: str, secret: str, scope: str | None = None) -> str:
        r = self.token(client, secret, scope)
        assert r.status_code == 200, r.text
        return str(r.json()["access_token"])


class _Process:
    """One issuer process, started on first use and again after a test stopped it."""

    def __init__(self, port: int, keys_file: Path | None) -> None:
        self.port, self.keys_file = port, keys_file
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen[bytes] | None = None

    def running(self) -> subprocess.Popen[bytes]:
        if self.proc is not None and self.proc.poll() is None:
            return self.proc
        env = dict(os.environ)
        args = [sys.executable, "-m", "sosai_shared.auth.dev_issuer", "--port", str(self.port)]
        if self.keys_file is not None:
            env["SOSAI_DEV_ISSUER_KEYS"] = str(self.keys_file)
            args += ["--issuer", self.url]
        self.proc = subprocess.Popen(args, env=env)
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).json().get("service") == "dev-issuer":
                    return self.proc
            except (httpx.TransportError, ValueError):
                pass
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError(f"the development issuer did not start on {self.url}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)


#: A loaded 2-core machine takes tens of seconds to start a Python web process.
STARTUP_SECONDS = 120


@pytest.fixture(scope="session")
def _rotatable_issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Process]:
    process = _Process(PORT, tmp_path_factory.mktemp("issuer") / "issuer-keys.json")
    process.keys_file.write_text(json.dumps([new_key("key-a")]))  # type: ignore[union-attr]
    yield process
    process.stop()


@pytest.fixture(scope="session")
def _development_issuer() -> Iterator[_Process]:
    process = _Process(PORT + 1, None)
    yield process
    process.stop()


@pytest.fixture(name="issuer")
def issuer_fixture(_rotatable_issuer: _Process) -> Issuer:
    """Names itself by its URL; a fresh signing key ``key-a`` for every test."""
    it = Issuer(_rotatable_issuer.url, _rotatable_issuer.keys_file, _rotatable_issuer.running())
    it.publish(new_key("key-a"))
    return it


@pytest.fixture(name="dev_issuer")
def dev_issuer_fixture(_development_issuer: _Process) -> Issuer:
    """As ``make run`` runs it: the development key and issuer name."""
    return Issuer(_development_issuer.url, None, _development_issuer.running())

"""Signed facts: round trip, tampering refused, key rotation, the CLI verifier and a stock JOSE library."""

from __future__ import annotations

import json
from pathlib import Path

import jwt
import pytest
from joserfc.jwk import OKPKey

from sosai_shared.claims import document, qr_svg
from sosai_shared.claims.__main__ import main as claims_cli
from sosai_shared.signing import InvalidSignature, Signer, load_signer, verify

CLAIM = {
    "kind": "retirement",
    "issuer": "registry",
    "id": "r-1",
    "quantity": 13,
    "blocks": [{"start": 1, "end": 13}],
}


def _signer() -> Signer:
    return Signer(OKPKey.generate_key("Ed25519"))


def test_a_signed_claim_verifies_and_one_changed_byte_is_refused() -> None:
    s = _signer()
    token = s.sign(CLAIM)
    assert verify(token, s.jwks()) == CLAIM
    header, payload, sig = token.split(".")
    flipped = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1]
    with pytest.raises(InvalidSignature):
        verify(".".join([header, flipped, sig]), s.jwks())
    with pytest.raises(InvalidSignature):
        verify(token, _signer().jwks())  # someone else's keys


def test_rotation_keeps_old_signatures_verifiable() -> None:
    old = _signer()
    token = old.sign(CLAIM)
    new = Signer(OKPKey.generate_key("Ed25519"), previous=old.jwks()["keys"])
    assert [k["kid"] for k in new.jwks()["keys"]] == [new.kid, old.kid]
    assert verify(token, new.jwks()) == CLAIM


def test_development_key_is_generated_once_into_var(tmp_path: Path) -> None:
    a = load_signer("registry", environment="development", var_dir=tmp_path)
    b = load_signer("registry", environment="development", var_dir=tmp_path)
    assert a.kid == b.kid and (tmp_path / "keys" / "registry.pem").exists()
    with pytest.raises(RuntimeError):
        load_signer("registry", environment="production", var_dir=tmp_path)


def test_cli_verifies_a_file_offline_and_refuses_a_changed_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = _signer()
    doc = document(s, CLAIM, "http://127.0.0.1:9/.well-known/jwks.json")  # never fetched: --jwks given
    keys = tmp_path / "jwks.json"
    keys.write_text(json.dumps(s.jwks()))
    good = tmp_path / "claim.json"
    good.write_text(json.dumps(doc))
    assert claims_cli(["verify", str(good), "--jwks", str(keys)]) == 0
    assert "VERIFIED" in capsys.readouterr().out

    doc["claim"]["quantity"] = 14  # the shown claim no longer matches what was signed
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    assert claims_cli(["verify", str(bad), "--jwks", str(keys)]) == 1
    assert "NOT VERIFIED" in capsys.readouterr().out
    raw = good.read_text()
    i = raw.index('"jws": "') + 20
    bad.write_text(raw[:i] + ("x" if raw[i] != "x" else "y") + raw[i + 1 :])  # one byte of the signature
    assert claims_cli(["verify", str(bad), "--jwks", str(keys)]) == 1


def test_the_documented_procedure_with_pyjwt_verifies_the_same_jws() -> None:
    """docs/verifying-claims.md: any JOSE library with EdDSA verifies our JWS against the JWKS."""
    s = _signer()
    token = s.sign(CLAIM)
    kid = jwt.get_unverified_header(token)["kid"]
    jwk = next(k for k in s.jwks()["keys"] if k["kid"] == kid)
    payload = jwt.PyJWS().decode(token, key=jwt.PyJWK(jwk).key, algorithms=["EdDSA"])
    assert json.loads(payload) == CLAIM


def test_qr_code_is_inline_svg() -> None:
    svg = qr_svg("https://registry.example/v1/public/retirements/x/claim")
    assert svg.startswith("<svg") and "</svg>" in svg

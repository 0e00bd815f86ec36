"""The catalog calls the calculator with its own client credentials, allowed ``calculator:estimate`` only."""

from __future__ import annotations

import jwt as pyjwt
import pytest
from issuer_support import Issuer, _rotatable_issuer, issuer_fixture  # noqa: F401  (the fixtures)

from sosai_events_catalog.carbon.calculator import CalculatorUnavailable, bearer_token
from sosai_events_catalog.config import Settings
from sosai_shared.auth.jwt import verifier_for
from sosai_shared.settings import ServiceSettings


async def test_the_catalog_gets_its_own_token_from_the_issuer(issuer: Issuer) -> None:
    settings = Settings(
        oidc_issuer_url=issuer.url,
        oauth_client_id="events-catalog",
        oauth_client_secret="dev-only-events-catalog",
    )
    token = await bearer_token(settings)
    claims = pyjwt.decode(token, options={"verify_signature": False})
    assert (claims["iss"], claims["client_id"], claims["org"]) == (
        issuer.url,
        "events-catalog",
        "sosai-catalog",
    )
    assert claims["scope"] == "calculator:estimate" and claims["aud"] == ["sosai-calculator"]
    # the calculator, trusting the same issuer, takes it; it holds a client secret, no signing key
    calculator = verifier_for(ServiceSettings(service_name="calculator", oidc_issuer_url=issuer.url))
    principal = await calculator.averify(token)
    assert principal.org == "sosai-catalog" and principal.scopes == {"calculator:estimate"}
    assert await bearer_token(settings) == token, "reused until a minute before it expires"
    wrong = settings.model_copy(update={"oauth_client_secret": "guessed"})
    with pytest.raises(CalculatorUnavailable, match="no token from the issuer"):
        await bearer_token(wrong)


async def test_production_without_client_credentials_gets_no_token() -> None:
    settings = Settings(
        environment="production",
        oidc_issuer_url="https://sso.example.jp/realms/sosai",
        database_url="sqlite+aiosqlite:///unused.db",
    )
    with pytest.raises(CalculatorUnavailable, match="no calculator client configured"):
        await bearer_token(settings)

from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.claim_v1_public_claims_number_get_response_claim_v1_public_claims_number_get import (
    ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet,
)
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    number: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/public/claims/{number}".format(
            number=quote(str(number), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet | Problem | None:
    if response.status_code == 200:
        response_200 = ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    number: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet | Problem]:
    """A certificate's claim document: footprint → plan → retirements → certificate, signed (JWS, EdDSA)

    Args:
        number (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet | Problem]
    """

    kwargs = _get_kwargs(
        number=number,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    number: str,
    *,
    client: AuthenticatedClient | Client,
) -> ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet | Problem | None:
    """A certificate's claim document: footprint → plan → retirements → certificate, signed (JWS, EdDSA)

    Args:
        number (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet | Problem
    """

    return sync_detailed(
        number=number,
        client=client,
    ).parsed


async def asyncio_detailed(
    number: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet | Problem]:
    """A certificate's claim document: footprint → plan → retirements → certificate, signed (JWS, EdDSA)

    Args:
        number (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet | Problem]
    """

    kwargs = _get_kwargs(
        number=number,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    number: str,
    *,
    client: AuthenticatedClient | Client,
) -> ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet | Problem | None:
    """A certificate's claim document: footprint → plan → retirements → certificate, signed (JWS, EdDSA)

    Args:
        number (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClaimV1PublicClaimsNumberGetResponseClaimV1PublicClaimsNumberGet | Problem
    """

    return (
        await asyncio_detailed(
            number=number,
            client=client,
        )
    ).parsed

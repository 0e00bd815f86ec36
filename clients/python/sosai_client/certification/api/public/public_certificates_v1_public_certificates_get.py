from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_certificate_out import PageCertificateOut
from ...models.problem import Problem
from ...models.public_certificates_v1_public_certificates_get_offset_type_type_0 import (
    PublicCertificatesV1PublicCertificatesGetOffsetTypeType0,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    offset_type: None | PublicCertificatesV1PublicCertificatesGetOffsetTypeType0 | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_offset_type: None | str | Unset
    if isinstance(offset_type, Unset):
        json_offset_type = UNSET
    elif isinstance(offset_type, PublicCertificatesV1PublicCertificatesGetOffsetTypeType0):
        json_offset_type = offset_type.value
    else:
        json_offset_type = offset_type
    params["offset_type"] = json_offset_type

    json_fiscal_year: int | None | Unset
    if isinstance(fiscal_year, Unset):
        json_fiscal_year = UNSET
    else:
        json_fiscal_year = fiscal_year
    params["fiscal_year"] = json_fiscal_year

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/public/certificates",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageCertificateOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageCertificateOut.from_dict(response.json())

        return response_200

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
) -> Response[PageCertificateOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    offset_type: None | PublicCertificatesV1PublicCertificatesGetOffsetTypeType0 | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCertificateOut | Problem]:
    """Certified offset initiatives (public)

    Args:
        offset_type (None | PublicCertificatesV1PublicCertificatesGetOffsetTypeType0 | Unset):
        fiscal_year (int | None | Unset):
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCertificateOut | Problem]
    """

    kwargs = _get_kwargs(
        offset_type=offset_type,
        fiscal_year=fiscal_year,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    offset_type: None | PublicCertificatesV1PublicCertificatesGetOffsetTypeType0 | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCertificateOut | Problem | None:
    """Certified offset initiatives (public)

    Args:
        offset_type (None | PublicCertificatesV1PublicCertificatesGetOffsetTypeType0 | Unset):
        fiscal_year (int | None | Unset):
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCertificateOut | Problem
    """

    return sync_detailed(
        client=client,
        offset_type=offset_type,
        fiscal_year=fiscal_year,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    offset_type: None | PublicCertificatesV1PublicCertificatesGetOffsetTypeType0 | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCertificateOut | Problem]:
    """Certified offset initiatives (public)

    Args:
        offset_type (None | PublicCertificatesV1PublicCertificatesGetOffsetTypeType0 | Unset):
        fiscal_year (int | None | Unset):
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCertificateOut | Problem]
    """

    kwargs = _get_kwargs(
        offset_type=offset_type,
        fiscal_year=fiscal_year,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    offset_type: None | PublicCertificatesV1PublicCertificatesGetOffsetTypeType0 | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCertificateOut | Problem | None:
    """Certified offset initiatives (public)

    Args:
        offset_type (None | PublicCertificatesV1PublicCertificatesGetOffsetTypeType0 | Unset):
        fiscal_year (int | None | Unset):
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCertificateOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            offset_type=offset_type,
            fiscal_year=fiscal_year,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.methodology_out import MethodologyOut
from ...models.methodology_status_in import MethodologyStatusIn
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    methodology_id: str,
    *,
    body: MethodologyStatusIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/methodologies/{methodology_id}/status".format(
            methodology_id=quote(str(methodology_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MethodologyOut | Problem | None:
    if response.status_code == 200:
        response_200 = MethodologyOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
) -> Response[MethodologyOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    methodology_id: str,
    *,
    client: AuthenticatedClient,
    body: MethodologyStatusIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[MethodologyOut | Problem]:
    """Activate or withdraw a methodology

    Args:
        methodology_id (str):
        idempotency_key (str | Unset):
        body (MethodologyStatusIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MethodologyOut | Problem]
    """

    kwargs = _get_kwargs(
        methodology_id=methodology_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    methodology_id: str,
    *,
    client: AuthenticatedClient,
    body: MethodologyStatusIn,
    idempotency_key: str | Unset = UNSET,
) -> MethodologyOut | Problem | None:
    """Activate or withdraw a methodology

    Args:
        methodology_id (str):
        idempotency_key (str | Unset):
        body (MethodologyStatusIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MethodologyOut | Problem
    """

    return sync_detailed(
        methodology_id=methodology_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    methodology_id: str,
    *,
    client: AuthenticatedClient,
    body: MethodologyStatusIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[MethodologyOut | Problem]:
    """Activate or withdraw a methodology

    Args:
        methodology_id (str):
        idempotency_key (str | Unset):
        body (MethodologyStatusIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MethodologyOut | Problem]
    """

    kwargs = _get_kwargs(
        methodology_id=methodology_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    methodology_id: str,
    *,
    client: AuthenticatedClient,
    body: MethodologyStatusIn,
    idempotency_key: str | Unset = UNSET,
) -> MethodologyOut | Problem | None:
    """Activate or withdraw a methodology

    Args:
        methodology_id (str):
        idempotency_key (str | Unset):
        body (MethodologyStatusIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MethodologyOut | Problem
    """

    return (
        await asyncio_detailed(
            methodology_id=methodology_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed

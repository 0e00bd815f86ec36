from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.statistics_out import StatisticsOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    fiscal_year: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_fiscal_year: int | None | Unset
    if isinstance(fiscal_year, Unset):
        json_fiscal_year = UNSET
    else:
        json_fiscal_year = fiscal_year
    params["fiscal_year"] = json_fiscal_year

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/statistics",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StatisticsOut | None:
    if response.status_code == 200:
        response_200 = StatisticsOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | StatisticsOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    fiscal_year: int | None | Unset = UNSET,
) -> Response[Problem | StatisticsOut]:
    """Registry statistics by fiscal year (the white paper's registry table)

     Totals are cumulative up to the end of `fiscal_year` (default: all time). Fiscal years run April-
    March and follow each record's effective date.

    Args:
        fiscal_year (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatisticsOut]
    """

    kwargs = _get_kwargs(
        fiscal_year=fiscal_year,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    fiscal_year: int | None | Unset = UNSET,
) -> Problem | StatisticsOut | None:
    """Registry statistics by fiscal year (the white paper's registry table)

     Totals are cumulative up to the end of `fiscal_year` (default: all time). Fiscal years run April-
    March and follow each record's effective date.

    Args:
        fiscal_year (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatisticsOut
    """

    return sync_detailed(
        client=client,
        fiscal_year=fiscal_year,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    fiscal_year: int | None | Unset = UNSET,
) -> Response[Problem | StatisticsOut]:
    """Registry statistics by fiscal year (the white paper's registry table)

     Totals are cumulative up to the end of `fiscal_year` (default: all time). Fiscal years run April-
    March and follow each record's effective date.

    Args:
        fiscal_year (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StatisticsOut]
    """

    kwargs = _get_kwargs(
        fiscal_year=fiscal_year,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    fiscal_year: int | None | Unset = UNSET,
) -> Problem | StatisticsOut | None:
    """Registry statistics by fiscal year (the white paper's registry table)

     Totals are cumulative up to the end of `fiscal_year` (default: all time). Fiscal years run April-
    March and follow each record's effective date.

    Args:
        fiscal_year (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StatisticsOut
    """

    return (
        await asyncio_detailed(
            client=client,
            fiscal_year=fiscal_year,
        )
    ).parsed

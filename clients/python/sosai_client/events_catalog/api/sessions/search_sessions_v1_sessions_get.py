import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_session_out import PageSessionOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    programme: None | str | Unset = UNSET,
    prefecture: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_programme: None | str | Unset
    if isinstance(programme, Unset):
        json_programme = UNSET
    else:
        json_programme = programme
    params["programme"] = json_programme

    json_prefecture: None | str | Unset
    if isinstance(prefecture, Unset):
        json_prefecture = UNSET
    else:
        json_prefecture = prefecture
    params["prefecture"] = json_prefecture

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

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
        "url": "/v1/sessions",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageSessionOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageSessionOut.from_dict(response.json())

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
) -> Response[PageSessionOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    programme: None | str | Unset = UNSET,
    prefecture: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageSessionOut | Problem]:
    """Search sessions (by start time)

    Args:
        programme (None | str | Unset): programme code
        prefecture (None | str | Unset):
        from_ (datetime.datetime | None | Unset): starts at or after (ISO 8601 with offset)
        to (datetime.datetime | None | Unset): starts before (ISO 8601 with offset)
        fiscal_year (int | None | Unset): April to March
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSessionOut | Problem]
    """

    kwargs = _get_kwargs(
        programme=programme,
        prefecture=prefecture,
        from_=from_,
        to=to,
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
    programme: None | str | Unset = UNSET,
    prefecture: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageSessionOut | Problem | None:
    """Search sessions (by start time)

    Args:
        programme (None | str | Unset): programme code
        prefecture (None | str | Unset):
        from_ (datetime.datetime | None | Unset): starts at or after (ISO 8601 with offset)
        to (datetime.datetime | None | Unset): starts before (ISO 8601 with offset)
        fiscal_year (int | None | Unset): April to March
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSessionOut | Problem
    """

    return sync_detailed(
        client=client,
        programme=programme,
        prefecture=prefecture,
        from_=from_,
        to=to,
        fiscal_year=fiscal_year,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    programme: None | str | Unset = UNSET,
    prefecture: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageSessionOut | Problem]:
    """Search sessions (by start time)

    Args:
        programme (None | str | Unset): programme code
        prefecture (None | str | Unset):
        from_ (datetime.datetime | None | Unset): starts at or after (ISO 8601 with offset)
        to (datetime.datetime | None | Unset): starts before (ISO 8601 with offset)
        fiscal_year (int | None | Unset): April to March
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageSessionOut | Problem]
    """

    kwargs = _get_kwargs(
        programme=programme,
        prefecture=prefecture,
        from_=from_,
        to=to,
        fiscal_year=fiscal_year,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    programme: None | str | Unset = UNSET,
    prefecture: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageSessionOut | Problem | None:
    """Search sessions (by start time)

    Args:
        programme (None | str | Unset): programme code
        prefecture (None | str | Unset):
        from_ (datetime.datetime | None | Unset): starts at or after (ISO 8601 with offset)
        to (datetime.datetime | None | Unset): starts before (ISO 8601 with offset)
        fiscal_year (int | None | Unset): April to March
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageSessionOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            programme=programme,
            prefecture=prefecture,
            from_=from_,
            to=to,
            fiscal_year=fiscal_year,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_retirement_out import PageRetirementOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    beneficiary: None | str | Unset = UNSET,
    project_id: None | str | Unset = UNSET,
    from_date: datetime.date | None | Unset = UNSET,
    to_date: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_beneficiary: None | str | Unset
    if isinstance(beneficiary, Unset):
        json_beneficiary = UNSET
    else:
        json_beneficiary = beneficiary
    params["beneficiary"] = json_beneficiary

    json_project_id: None | str | Unset
    if isinstance(project_id, Unset):
        json_project_id = UNSET
    else:
        json_project_id = project_id
    params["project_id"] = json_project_id

    json_from_date: None | str | Unset
    if isinstance(from_date, Unset):
        json_from_date = UNSET
    elif isinstance(from_date, datetime.date):
        json_from_date = from_date.isoformat()
    else:
        json_from_date = from_date
    params["from_date"] = json_from_date

    json_to_date: None | str | Unset
    if isinstance(to_date, Unset):
        json_to_date = UNSET
    elif isinstance(to_date, datetime.date):
        json_to_date = to_date.isoformat()
    else:
        json_to_date = to_date
    params["to_date"] = json_to_date

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
        "url": "/v1/public/retirements",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageRetirementOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageRetirementOut.from_dict(response.json())

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
) -> Response[PageRetirementOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    beneficiary: None | str | Unset = UNSET,
    project_id: None | str | Unset = UNSET,
    from_date: datetime.date | None | Unset = UNSET,
    to_date: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageRetirementOut | Problem]:
    """Retirements, filterable by beneficiary, project and period

    Args:
        beneficiary (None | str | Unset):
        project_id (None | str | Unset):
        from_date (datetime.date | None | Unset): retired on or after (YYYY-MM-DD)
        to_date (datetime.date | None | Unset): retired on or before (YYYY-MM-DD)
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageRetirementOut | Problem]
    """

    kwargs = _get_kwargs(
        beneficiary=beneficiary,
        project_id=project_id,
        from_date=from_date,
        to_date=to_date,
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
    beneficiary: None | str | Unset = UNSET,
    project_id: None | str | Unset = UNSET,
    from_date: datetime.date | None | Unset = UNSET,
    to_date: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageRetirementOut | Problem | None:
    """Retirements, filterable by beneficiary, project and period

    Args:
        beneficiary (None | str | Unset):
        project_id (None | str | Unset):
        from_date (datetime.date | None | Unset): retired on or after (YYYY-MM-DD)
        to_date (datetime.date | None | Unset): retired on or before (YYYY-MM-DD)
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageRetirementOut | Problem
    """

    return sync_detailed(
        client=client,
        beneficiary=beneficiary,
        project_id=project_id,
        from_date=from_date,
        to_date=to_date,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    beneficiary: None | str | Unset = UNSET,
    project_id: None | str | Unset = UNSET,
    from_date: datetime.date | None | Unset = UNSET,
    to_date: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageRetirementOut | Problem]:
    """Retirements, filterable by beneficiary, project and period

    Args:
        beneficiary (None | str | Unset):
        project_id (None | str | Unset):
        from_date (datetime.date | None | Unset): retired on or after (YYYY-MM-DD)
        to_date (datetime.date | None | Unset): retired on or before (YYYY-MM-DD)
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageRetirementOut | Problem]
    """

    kwargs = _get_kwargs(
        beneficiary=beneficiary,
        project_id=project_id,
        from_date=from_date,
        to_date=to_date,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    beneficiary: None | str | Unset = UNSET,
    project_id: None | str | Unset = UNSET,
    from_date: datetime.date | None | Unset = UNSET,
    to_date: datetime.date | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageRetirementOut | Problem | None:
    """Retirements, filterable by beneficiary, project and period

    Args:
        beneficiary (None | str | Unset):
        project_id (None | str | Unset):
        from_date (datetime.date | None | Unset): retired on or after (YYYY-MM-DD)
        to_date (datetime.date | None | Unset): retired on or before (YYYY-MM-DD)
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageRetirementOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            beneficiary=beneficiary,
            project_id=project_id,
            from_date=from_date,
            to_date=to_date,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

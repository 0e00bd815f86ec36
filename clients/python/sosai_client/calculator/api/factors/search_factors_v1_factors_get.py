from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_factor_out import PageFactorOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    activity: None | str | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    regime: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    unit: None | str | Unset = UNSET,
    scope: int | None | Unset = UNSET,
    set_id: None | str | Unset = UNSET,
    all_revisions: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_activity: None | str | Unset
    if isinstance(activity, Unset):
        json_activity = UNSET
    else:
        json_activity = activity
    params["activity"] = json_activity

    json_fiscal_year: int | None | Unset
    if isinstance(fiscal_year, Unset):
        json_fiscal_year = UNSET
    else:
        json_fiscal_year = fiscal_year
    params["fiscal_year"] = json_fiscal_year

    json_regime: None | str | Unset
    if isinstance(regime, Unset):
        json_regime = UNSET
    else:
        json_regime = regime
    params["regime"] = json_regime

    json_region: None | str | Unset
    if isinstance(region, Unset):
        json_region = UNSET
    else:
        json_region = region
    params["region"] = json_region

    json_unit: None | str | Unset
    if isinstance(unit, Unset):
        json_unit = UNSET
    else:
        json_unit = unit
    params["unit"] = json_unit

    json_scope: int | None | Unset
    if isinstance(scope, Unset):
        json_scope = UNSET
    else:
        json_scope = scope
    params["scope"] = json_scope

    json_set_id: None | str | Unset
    if isinstance(set_id, Unset):
        json_set_id = UNSET
    else:
        json_set_id = set_id
    params["set_id"] = json_set_id

    params["all_revisions"] = all_revisions

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
        "url": "/v1/factors",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageFactorOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageFactorOut.from_dict(response.json())

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
) -> Response[PageFactorOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    activity: None | str | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    regime: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    unit: None | str | Unset = UNSET,
    scope: int | None | Unset = UNSET,
    set_id: None | str | Unset = UNSET,
    all_revisions: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageFactorOut | Problem]:
    """Search factors (activity, fiscal year, regime, region/utility, unit, scope)

    Args:
        activity (None | str | Unset):
        fiscal_year (int | None | Unset): the set's fiscal year
        regime (None | str | Unset):
        region (None | str | Unset): 'jp' or a utility
        unit (None | str | Unset):
        scope (int | None | Unset):
        set_id (None | str | Unset):
        all_revisions (bool | Unset): include superseded revisions Default: False.
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageFactorOut | Problem]
    """

    kwargs = _get_kwargs(
        activity=activity,
        fiscal_year=fiscal_year,
        regime=regime,
        region=region,
        unit=unit,
        scope=scope,
        set_id=set_id,
        all_revisions=all_revisions,
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
    activity: None | str | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    regime: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    unit: None | str | Unset = UNSET,
    scope: int | None | Unset = UNSET,
    set_id: None | str | Unset = UNSET,
    all_revisions: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageFactorOut | Problem | None:
    """Search factors (activity, fiscal year, regime, region/utility, unit, scope)

    Args:
        activity (None | str | Unset):
        fiscal_year (int | None | Unset): the set's fiscal year
        regime (None | str | Unset):
        region (None | str | Unset): 'jp' or a utility
        unit (None | str | Unset):
        scope (int | None | Unset):
        set_id (None | str | Unset):
        all_revisions (bool | Unset): include superseded revisions Default: False.
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageFactorOut | Problem
    """

    return sync_detailed(
        client=client,
        activity=activity,
        fiscal_year=fiscal_year,
        regime=regime,
        region=region,
        unit=unit,
        scope=scope,
        set_id=set_id,
        all_revisions=all_revisions,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    activity: None | str | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    regime: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    unit: None | str | Unset = UNSET,
    scope: int | None | Unset = UNSET,
    set_id: None | str | Unset = UNSET,
    all_revisions: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageFactorOut | Problem]:
    """Search factors (activity, fiscal year, regime, region/utility, unit, scope)

    Args:
        activity (None | str | Unset):
        fiscal_year (int | None | Unset): the set's fiscal year
        regime (None | str | Unset):
        region (None | str | Unset): 'jp' or a utility
        unit (None | str | Unset):
        scope (int | None | Unset):
        set_id (None | str | Unset):
        all_revisions (bool | Unset): include superseded revisions Default: False.
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageFactorOut | Problem]
    """

    kwargs = _get_kwargs(
        activity=activity,
        fiscal_year=fiscal_year,
        regime=regime,
        region=region,
        unit=unit,
        scope=scope,
        set_id=set_id,
        all_revisions=all_revisions,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    activity: None | str | Unset = UNSET,
    fiscal_year: int | None | Unset = UNSET,
    regime: None | str | Unset = UNSET,
    region: None | str | Unset = UNSET,
    unit: None | str | Unset = UNSET,
    scope: int | None | Unset = UNSET,
    set_id: None | str | Unset = UNSET,
    all_revisions: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageFactorOut | Problem | None:
    """Search factors (activity, fiscal year, regime, region/utility, unit, scope)

    Args:
        activity (None | str | Unset):
        fiscal_year (int | None | Unset): the set's fiscal year
        regime (None | str | Unset):
        region (None | str | Unset): 'jp' or a utility
        unit (None | str | Unset):
        scope (int | None | Unset):
        set_id (None | str | Unset):
        all_revisions (bool | Unset): include superseded revisions Default: False.
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageFactorOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            activity=activity,
            fiscal_year=fiscal_year,
            regime=regime,
            region=region,
            unit=unit,
            scope=scope,
            set_id=set_id,
            all_revisions=all_revisions,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

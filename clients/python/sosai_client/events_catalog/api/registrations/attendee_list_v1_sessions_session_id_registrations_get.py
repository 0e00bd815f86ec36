from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attendee_list_v1_sessions_session_id_registrations_get_state_type_0 import (
    AttendeeListV1SessionsSessionIdRegistrationsGetStateType0,
)
from ...models.page_registration_out import PageRegistrationOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session_id: str,
    *,
    state: AttendeeListV1SessionsSessionIdRegistrationsGetStateType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, AttendeeListV1SessionsSessionIdRegistrationsGetStateType0):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

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
        "url": "/v1/sessions/{session_id}/registrations".format(
            session_id=quote(str(session_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageRegistrationOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageRegistrationOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[PageRegistrationOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient,
    state: AttendeeListV1SessionsSessionIdRegistrationsGetStateType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageRegistrationOut | Problem]:
    """Attendee list of a session (organisers)

    Args:
        session_id (str):
        state (AttendeeListV1SessionsSessionIdRegistrationsGetStateType0 | None | Unset):
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageRegistrationOut | Problem]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        state=state,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session_id: str,
    *,
    client: AuthenticatedClient,
    state: AttendeeListV1SessionsSessionIdRegistrationsGetStateType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageRegistrationOut | Problem | None:
    """Attendee list of a session (organisers)

    Args:
        session_id (str):
        state (AttendeeListV1SessionsSessionIdRegistrationsGetStateType0 | None | Unset):
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageRegistrationOut | Problem
    """

    return sync_detailed(
        session_id=session_id,
        client=client,
        state=state,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    session_id: str,
    *,
    client: AuthenticatedClient,
    state: AttendeeListV1SessionsSessionIdRegistrationsGetStateType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageRegistrationOut | Problem]:
    """Attendee list of a session (organisers)

    Args:
        session_id (str):
        state (AttendeeListV1SessionsSessionIdRegistrationsGetStateType0 | None | Unset):
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageRegistrationOut | Problem]
    """

    kwargs = _get_kwargs(
        session_id=session_id,
        state=state,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session_id: str,
    *,
    client: AuthenticatedClient,
    state: AttendeeListV1SessionsSessionIdRegistrationsGetStateType0 | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageRegistrationOut | Problem | None:
    """Attendee list of a session (organisers)

    Args:
        session_id (str):
        state (AttendeeListV1SessionsSessionIdRegistrationsGetStateType0 | None | Unset):
        limit (int | Unset): page size, at most 200 Default: 50.
        cursor (None | str | Unset): next_cursor of the previous page

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageRegistrationOut | Problem
    """

    return (
        await asyncio_detailed(
            session_id=session_id,
            client=client,
            state=state,
            limit=limit,
            cursor=cursor,
        )
    ).parsed

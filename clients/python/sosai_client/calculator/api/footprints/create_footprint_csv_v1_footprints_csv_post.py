from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_footprint_csv_v1_footprints_csv_post_files_body import (
    CreateFootprintCsvV1FootprintsCsvPostFilesBody,
)
from ...models.create_footprint_csv_v1_footprints_csv_post_offset_type_type_0 import (
    CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0,
)
from ...models.footprint_out import FootprintOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateFootprintCsvV1FootprintsCsvPostFilesBody | str | Unset = UNSET,
    name: str,
    fiscal_year: int,
    regime: str | Unset = "B",
    offset_type: CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0 | None | Unset = UNSET,
    planned_reduction_t_co2: float | str | Unset = 0.0,
    offset_share: float | str | Unset = 1.0,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    params["name"] = name

    params["fiscal_year"] = fiscal_year

    params["regime"] = regime

    json_offset_type: None | str | Unset
    if isinstance(offset_type, Unset):
        json_offset_type = UNSET
    elif isinstance(offset_type, CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0):
        json_offset_type = offset_type.value
    else:
        json_offset_type = offset_type
    params["offset_type"] = json_offset_type

    json_planned_reduction_t_co2: float | str | Unset
    if isinstance(planned_reduction_t_co2, Unset):
        json_planned_reduction_t_co2 = UNSET
    else:
        json_planned_reduction_t_co2 = planned_reduction_t_co2
    params["planned_reduction_t_co2"] = json_planned_reduction_t_co2

    json_offset_share: float | str | Unset
    if isinstance(offset_share, Unset):
        json_offset_share = UNSET
    else:
        json_offset_share = offset_share
    params["offset_share"] = json_offset_share

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/footprints/csv",
        "params": params,
    }

    if isinstance(body, CreateFootprintCsvV1FootprintsCsvPostFilesBody):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data"
    if isinstance(body, str):
        _kwargs["content"] = body.payload

        headers["Content-Type"] = "text/csv"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> FootprintOut | Problem | None:
    if response.status_code == 201:
        response_201 = FootprintOut.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[FootprintOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateFootprintCsvV1FootprintsCsvPostFilesBody | str | Unset = UNSET,
    name: str,
    fiscal_year: int,
    regime: str | Unset = "B",
    offset_type: CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0 | None | Unset = UNSET,
    planned_reduction_t_co2: float | str | Unset = 0.0,
    offset_share: float | str | Unset = 1.0,
    idempotency_key: str | Unset = UNSET,
) -> Response[FootprintOut | Problem]:
    """Store an organisation's fiscal-year footprint from a CSV of activity data

     Body: `text/csv` or `multipart/form-data` (file part named `file`), UTF-8, header
    `activity,amount,unit[,region][,passengers]`, bounded by the service's body limit. Any bad row
    rejects the whole upload (422 `invalid-activity-data`, with the first rows' errors).

    Args:
        name (str):
        fiscal_year (int):
        regime (str | Unset): factor-set regime; 'B' is the FY2010 set Default: 'B'.
        offset_type (CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0 | None | Unset):
        planned_reduction_t_co2 (float | str | Unset):  Default: 0.0.
        offset_share (float | str | Unset):  Default: 1.0.
        idempotency_key (str | Unset):
        body (CreateFootprintCsvV1FootprintsCsvPostFilesBody):
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FootprintOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        name=name,
        fiscal_year=fiscal_year,
        regime=regime,
        offset_type=offset_type,
        planned_reduction_t_co2=planned_reduction_t_co2,
        offset_share=offset_share,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateFootprintCsvV1FootprintsCsvPostFilesBody | str | Unset = UNSET,
    name: str,
    fiscal_year: int,
    regime: str | Unset = "B",
    offset_type: CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0 | None | Unset = UNSET,
    planned_reduction_t_co2: float | str | Unset = 0.0,
    offset_share: float | str | Unset = 1.0,
    idempotency_key: str | Unset = UNSET,
) -> FootprintOut | Problem | None:
    """Store an organisation's fiscal-year footprint from a CSV of activity data

     Body: `text/csv` or `multipart/form-data` (file part named `file`), UTF-8, header
    `activity,amount,unit[,region][,passengers]`, bounded by the service's body limit. Any bad row
    rejects the whole upload (422 `invalid-activity-data`, with the first rows' errors).

    Args:
        name (str):
        fiscal_year (int):
        regime (str | Unset): factor-set regime; 'B' is the FY2010 set Default: 'B'.
        offset_type (CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0 | None | Unset):
        planned_reduction_t_co2 (float | str | Unset):  Default: 0.0.
        offset_share (float | str | Unset):  Default: 1.0.
        idempotency_key (str | Unset):
        body (CreateFootprintCsvV1FootprintsCsvPostFilesBody):
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FootprintOut | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        name=name,
        fiscal_year=fiscal_year,
        regime=regime,
        offset_type=offset_type,
        planned_reduction_t_co2=planned_reduction_t_co2,
        offset_share=offset_share,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateFootprintCsvV1FootprintsCsvPostFilesBody | str | Unset = UNSET,
    name: str,
    fiscal_year: int,
    regime: str | Unset = "B",
    offset_type: CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0 | None | Unset = UNSET,
    planned_reduction_t_co2: float | str | Unset = 0.0,
    offset_share: float | str | Unset = 1.0,
    idempotency_key: str | Unset = UNSET,
) -> Response[FootprintOut | Problem]:
    """Store an organisation's fiscal-year footprint from a CSV of activity data

     Body: `text/csv` or `multipart/form-data` (file part named `file`), UTF-8, header
    `activity,amount,unit[,region][,passengers]`, bounded by the service's body limit. Any bad row
    rejects the whole upload (422 `invalid-activity-data`, with the first rows' errors).

    Args:
        name (str):
        fiscal_year (int):
        regime (str | Unset): factor-set regime; 'B' is the FY2010 set Default: 'B'.
        offset_type (CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0 | None | Unset):
        planned_reduction_t_co2 (float | str | Unset):  Default: 0.0.
        offset_share (float | str | Unset):  Default: 1.0.
        idempotency_key (str | Unset):
        body (CreateFootprintCsvV1FootprintsCsvPostFilesBody):
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FootprintOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        name=name,
        fiscal_year=fiscal_year,
        regime=regime,
        offset_type=offset_type,
        planned_reduction_t_co2=planned_reduction_t_co2,
        offset_share=offset_share,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateFootprintCsvV1FootprintsCsvPostFilesBody | str | Unset = UNSET,
    name: str,
    fiscal_year: int,
    regime: str | Unset = "B",
    offset_type: CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0 | None | Unset = UNSET,
    planned_reduction_t_co2: float | str | Unset = 0.0,
    offset_share: float | str | Unset = 1.0,
    idempotency_key: str | Unset = UNSET,
) -> FootprintOut | Problem | None:
    """Store an organisation's fiscal-year footprint from a CSV of activity data

     Body: `text/csv` or `multipart/form-data` (file part named `file`), UTF-8, header
    `activity,amount,unit[,region][,passengers]`, bounded by the service's body limit. Any bad row
    rejects the whole upload (422 `invalid-activity-data`, with the first rows' errors).

    Args:
        name (str):
        fiscal_year (int):
        regime (str | Unset): factor-set regime; 'B' is the FY2010 set Default: 'B'.
        offset_type (CreateFootprintCsvV1FootprintsCsvPostOffsetTypeType0 | None | Unset):
        planned_reduction_t_co2 (float | str | Unset):  Default: 0.0.
        offset_share (float | str | Unset):  Default: 1.0.
        idempotency_key (str | Unset):
        body (CreateFootprintCsvV1FootprintsCsvPostFilesBody):
        body (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FootprintOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            name=name,
            fiscal_year=fiscal_year,
            regime=regime,
            offset_type=offset_type,
            planned_reduction_t_co2=planned_reduction_t_co2,
            offset_share=offset_share,
            idempotency_key=idempotency_key,
        )
    ).parsed

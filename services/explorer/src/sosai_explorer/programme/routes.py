"""HTTP of the programme-wide pages: the overview (home) and the regional flows."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from sosai_explorer import charts, prefectures
from sosai_explorer.deps import ReadSession
from sosai_explorer.i18n import term, translate
from sosai_explorer.programme import service
from sosai_explorer.web import lang_of, render
from sosai_shared.auth import public

router = APIRouter(dependencies=[public], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, session: ReadSession) -> HTMLResponse:
    lang = lang_of(request)

    def t(key: str) -> str:
        return translate(lang, key)

    data = await service.overview(session)
    fy_chart = charts.bar_chart(
        t("chart.by_fy"),
        [(f"FY{fy}", [v["issued"], v["retired"]]) for fy, v in data["by_fy"]],
        [t("chart.issued"), t("chart.retired")],
    )
    category_chart = charts.bar_chart(
        t("chart.by_category"),
        [(term(lang, "cat", k), [n]) for k, n in sorted(data["by_category"].items())],
        [t("fig.projects")],
    )
    type_chart = charts.bar_chart(
        t("chart.by_type"),
        [(term(lang, "ot", k), [n]) for k, n in sorted(data["by_type"].items())],
        [t("fig.initiatives")],
    )
    project_map = charts.tile_map(
        t("map.title"),
        data["projects_by_prefecture"],
        lambda k: prefectures.label(k, lang),
        lambda k: f"/projects?prefecture={k}&lang={lang}",
    )
    return render(
        request,
        "home.html",
        data=data,
        fy_chart=fy_chart,
        category_chart=category_chart,
        type_chart=type_chart,
        project_map=project_map,
    )


@router.get("/regions", response_class=HTMLResponse)
async def regions(request: Request, session: ReadSession) -> HTMLResponse:
    lang = lang_of(request)
    data = await service.regions(session)
    flow_map = charts.tile_map(
        translate(lang, "regions.map"),
        data["issued"],
        lambda k: prefectures.label(k, lang),
        lambda k: f"/projects?prefecture={k}&lang={lang}",
    )
    return render(request, "regions.html", data=data, flow_map=flow_map)

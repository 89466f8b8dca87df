"""Swagger UI at /docs from the swagger-ui-bundle-v2 package (Swagger UI 5, which reads
OpenAPI 3.1), so the API's documentation works offline and behind a strict firewall;
FastAPI's default page loads it from a CDN."""
from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/docs-assets"


def committees_in_schema(app: FastAPI) -> None:
    """The OpenAPI schema lists the index's committees as the values `committee` takes (an
    unknown one is refused with 422), so clients and generated requests know them."""
    plain = app.openapi

    def with_committees() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = plain()
        service = getattr(app.state, "service", None)
        names = sorted(service.searcher.committees) if service else []
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                for param in operation.get("parameters", []) if isinstance(operation, dict) else []:
                    if param.get("name") == "committee" and names:
                        options = param["schema"].get("anyOf", [param["schema"]])
                        for option in options:
                            if option.get("type") == "string":
                                option["enum"] = names
        app.openapi_schema = schema
        return schema

    app.openapi = with_committees  # type: ignore[method-assign]


def install_docs(app: FastAPI) -> None:
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} API",
                                   swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{ASSETS}/favicon-32x32.png")

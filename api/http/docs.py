"""The API's documentation at /docs: a server-rendered page made from the OpenAPI schema.

It replaced Swagger UI (issue 17): Swagger UI failed WCAG 2.2 AA (contrast, target size,
nested interactive controls, no lang) and needed an inline script; this page is plain HTML
in the site's own layout, works offline and without JavaScript, and each GET operation
without path parameters has a form that sends a real request ("Try it")."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse


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


@dataclass
class Param:
    name: str
    where: str            # query or path
    required: bool
    kind: str             # "string", "integer", "boolean", "date", "one of"
    description: str
    choices: list[str] = field(default_factory=list)
    default: Any = None
    limits: str = ""


@dataclass
class Operation:
    method: str
    path: str
    summary: str
    tag: str
    params: list[Param]
    responses: list[tuple[str, str]]

    @property
    def anchor(self) -> str:
        return "op-" + self.method + "-" + "".join(c if c.isalnum() else "-" for c in self.path).strip("-")

    @property
    def tryable(self) -> bool:
        return self.method == "get" and all(p.where == "query" for p in self.params)


def _param(raw: dict) -> Param:
    schema = raw.get("schema", {})
    options = [o for o in schema.get("anyOf", [schema]) if o.get("type") != "null"] or [schema]
    main = options[0]
    kind = "date" if main.get("format") == "date" else main.get("type", "string")
    choices = [str(c) for c in main.get("enum", [])] or [str(c) for o in options for c in ([o["const"]] if "const" in o else [])]
    bounds = [f"at least {main['minimum']}" if "minimum" in main else "", f"at most {main['maximum']}" if "maximum" in main else "",
              f"up to {main['maxLength']} characters" if "maxLength" in main else ""]
    return Param(name=raw["name"], where=raw.get("in", "query"), required=bool(raw.get("required")),
                 kind="one of" if choices else kind, description=raw.get("description") or schema.get("description", ""),
                 choices=choices, default=schema.get("default"), limits=", ".join(b for b in bounds if b))


def operations(schema: dict) -> list[Operation]:
    out = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            out.append(Operation(method=method, path=path, summary=op.get("summary", ""),
                                 tag=(op.get("tags") or ["other"])[0],
                                 params=[_param(p) for p in op.get("parameters", [])],
                                 responses=[(code, r.get("description", "")) for code, r in op.get("responses", {}).items()]))
    return out


def install_docs(app: FastAPI) -> None:
    from api.http.pages import render

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        schema = app.openapi()
        ops = operations(schema)
        tags: dict[str, list[Operation]] = {}
        for op in ops:
            tags.setdefault(op.tag, []).append(op)
        return render(request, "docs.html", schema=schema, tags=tags, openapi_url=app.openapi_url or "/openapi.json")

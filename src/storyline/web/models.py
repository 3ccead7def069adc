"""The API's own response shapes (Pydantic, at the edge only).  A story and a document are the export document's
own objects (``storyline/v1``, ``export.story_json`` / ``export.document_json``), described in the OpenAPI
document by the shipped JSON Schema rather than a second copy here."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from storyline.export import schema


class StorySummary(BaseModel):
    """A story as the list shows it."""

    id: str
    title: str
    first_seen: str | None
    last_seen: str | None = Field(description="the latest publication date of its documents (else ingest time)")
    size: int = Field(description="documents in the story")
    outlets: list[str] = Field(description="the outlets of its documents, first seen first")
    independent_origins: int | None = Field(
        description="independent origins of its documents (copies of one report count once); null until the server "
        "has analysed the story, which it does in the background, newest first"
    )


class StoryList(BaseModel):
    total: int = Field(description="stories in the store (or matching q)")
    limit: int
    offset: int
    next: str | None = Field(description="the next page, or null on the last")
    version: str = Field(description="the store's version: it changes whenever documents arrive")
    stories: list[StorySummary]


class Version(BaseModel):
    version: str = Field(description="changes whenever a document arrives or a story changes")
    documents: int


class Added(BaseModel):
    id: str
    story: str | None = Field(description="the story it joined (null while no story has it)")


class RejectedInput(BaseModel):
    source: str
    stage: str
    reason: str


class IngestResult(BaseModel):
    """What a write did, input by input (as ``storyline ingest`` reports it)."""

    added: list[Added]
    stored: list[str] = Field(description="inputs stored before: their document ids")
    duplicates: list[dict[str, str]] = Field(description="inputs whose clean text a stored document already has")
    near_copies: list[dict[str, Any]] = Field(description="added documents that copy most of an earlier one")
    rejected: list[RejectedInput]


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str = Field(description="what was wrong and what to do, in one line")
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


EXPORT_REF = {"$ref": "#/components/schemas/StorylineExport"}
DOCUMENT_REF = {"$ref": "#/components/schemas/StorylineDocument"}


def schema_components() -> dict[str, Any]:
    """The export document's JSON Schema (shipped in the package) as OpenAPI components: the whole document,
    and one document of a story."""
    whole = {k: v for k, v in schema().items() if k not in ("$schema", "$id")}
    document = whole["properties"]["stories"]["items"]["properties"]["documents"]["items"]
    return {"StorylineExport": whole, "StorylineDocument": document}


_ERRORS = {
    401: "no API key given",
    403: "a wrong API key, or the server takes no writes",
    404: "no such story or document",
    413: "too large, or too many files",
    415: "a body of a type it cannot read",
    422: "an invalid parameter (or, for a write, every input rejected)",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses for these error statuses, each in the error shape."""
    return {status: {"model": ErrorBody, "description": _ERRORS[status]} for status in statuses}

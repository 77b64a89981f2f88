"""The MSPDI document: loading it safely, and typed access to its fields.

The document is parsed with :mod:`xml.etree` after refusing any DTD: no
``<!DOCTYPE``, hence no entity can be declared or expanded (the usual XML bombs and
external entity tricks need one).  Anything that is not a well-formed MSPDI
document raises :class:`ReaderError` with the file name and the reason.

Field values keep MS Project's units: durations are ISO-8601 (``PT16H0M0S``)
*working* time, dates naive local wall-clock times.
"""

from __future__ import annotations

import codecs
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar, overload

NAMESPACE = "http://schemas.microsoft.com/project"
NS = "{" + NAMESPACE + "}"
MAX_BYTES = 256 * 1024 * 1024
_T = TypeVar("_T")


class ReaderError(ValueError):
    """The file cannot be read as MSPDI; the message says which file and why."""


# -- loading -------------------------------------------------------------------------


def load_document(source: str | Path | bytes, *, name: str | None = None) -> tuple[ET.Element, str]:
    """The ``Project`` root element of an MSPDI document (a path or its bytes), and
    the label that names the file in errors."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "<bytes>"
    else:
        path = Path(source)
        label = name or path.name
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ReaderError(f"{label}: larger than {MAX_BYTES // (1024 * 1024)} MB")
            data = path.read_bytes()
        except OSError as error:
            raise ReaderError(f"{label}: cannot read the file ({error.strerror or error})") from None
    return _parse_xml(data, label), label


def _decoded_head(data: bytes) -> str:
    """The document as text for the DTD check, whatever its encoding's byte width."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if len(data) > 1 and data[0] == 0 and data[1] != 0:
        return data.decode("utf-16-be", errors="replace")
    if len(data) > 1 and data[0] != 0 and data[1] == 0:
        return data.decode("utf-16-le", errors="replace")
    return data.decode("latin-1")  # ASCII-compatible: enough to find "<!DOCTYPE"


def _parse_xml(data: bytes, label: str) -> ET.Element:
    if not data.strip():
        raise ReaderError(f"{label}: the file is empty")
    text = _decoded_head(data)
    upper = text.upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
        raise ReaderError(f"{label}: refusing an XML document with a DTD or entity declarations")
    if not text.lstrip("\ufeff \t\r\n").startswith("<"):
        raise ReaderError(f"{label}: not an XML document (an MSPDI plan is Microsoft Project XML)")
    parser = ET.XMLParser()
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ReaderError(f"{label}: malformed XML at line {line}, column {column}") from None
    if root.tag != NS + "Project":
        tag = root.tag.split("}")[-1]
        namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        raise ReaderError(
            f"{label}: not an MSPDI plan (root element {tag!r}"
            + (f" in namespace {namespace!r}" if namespace else "")
            + f"; expected Project in {NAMESPACE!r})"
        )
    return root


# -- field values --------------------------------------------------------------------

_DURATION = re.compile(
    r"^(-)?P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def parse_duration(text: str, *, minutes_per_day: int = 1440) -> int:
    """Minutes in an ISO-8601 duration as MSPDI writes it (``PT16H0M0S``).

    MS Project writes hours; a ``D`` part (other writers) counts ``minutes_per_day``.
    Years and months are refused: their length depends on the calendar.
    """
    match = _DURATION.match(text.strip())
    if match is None or text.strip() in ("P", "PT"):
        raise ValueError(f"not an ISO-8601 duration: {text!r}")
    sign, years, months, days, hours, minutes, seconds = match.groups()
    if years or months:
        raise ValueError(f"a duration in years or months is ambiguous: {text!r}")
    total = (
        float(days or 0) * minutes_per_day
        + float(hours or 0) * 60
        + float(minutes or 0)
        + float(seconds or 0) / 60
    )
    return -round(total) if sign else round(total)


def parse_datetime(text: str) -> datetime:
    """A naive wall-clock time, to the second (a trailing ``Z`` is ignored)."""
    text = text.strip()
    if text.endswith("Z"):
        text = text[:-1]
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=None, microsecond=0)


class Fields:
    """Typed access to the children of one MSPDI element, errors naming the field."""

    __slots__ = ("element", "where")

    def __init__(self, element: ET.Element, where: str) -> None:
        self.element = element
        self.where = where

    def text(self, tag: str) -> str | None:
        child = self.element.find(NS + tag)
        if child is None or child.text is None:
            return None
        value = child.text.strip()
        return value or None

    def _convert(self, tag: str, convert: Callable[[str], _T], what: str) -> _T | None:
        value = self.text(tag)
        if value is None:
            return None
        try:
            return convert(value)
        except (ValueError, OverflowError):
            raise ReaderError(f"{self.where}: {tag} is not {what}: {value!r}") from None

    @overload
    def integer(self, tag: str) -> int | None: ...
    @overload
    def integer(self, tag: str, default: int) -> int: ...
    def integer(self, tag: str, default: int | None = None) -> int | None:
        """The field as an integer; ``default`` only when it is absent (not when 0)."""
        value = self._convert(tag, lambda v: int(float(v)) if "." in v else int(v), "an integer")
        return default if value is None else value

    def required_integer(self, tag: str) -> int:
        value = self.integer(tag)
        if value is None:
            raise ReaderError(f"{self.where}: missing {tag}")
        return value

    def number(self, tag: str) -> float | None:
        return self._convert(tag, float, "a number")

    def flag(self, tag: str) -> bool:
        value = self.text(tag)
        return value is not None and value.lower() in ("1", "true")

    def moment(self, tag: str) -> datetime | None:
        return self._convert(tag, parse_datetime, "a date and time")

    def span(self, tag: str, minutes_per_day: int) -> int | None:
        return self._convert(tag, lambda v: parse_duration(v, minutes_per_day=minutes_per_day), "a duration")

    def children(self, tag: str) -> list[ET.Element]:
        found = self.element.find(NS + tag)
        return [] if found is None else list(found)

"""Errors raised by fazhi-indicators.

Every error the library raises on purpose derives from :class:`FazhiError`, so a
caller can catch one class and know that anything else is a bug::

    FazhiError
    ├── InputError (ValueError)        one or more located problems in input files
    ├── UnknownIdError (KeyError)      a field, indicator or profile id that does not exist
    └── ProfileNotApplicableError      a profile used outside its effective years

Problems are values, not exceptions: loading collects every :class:`Problem` of a
file in one pass and raises a single :class:`InputError` that carries them all.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Literal

from attrs import frozen

__all__ = [
    "FazhiError",
    "InputError",
    "Problem",
    "ProfileNotApplicableError",
    "Severity",
    "UnknownIdError",
    "did_you_mean",
]

Severity = Literal["error", "warning"]


@frozen(kw_only=True)
class Problem:
    """One thing wrong with one place in one input file.

    Messages exist in English and Chinese; both name what was expected and what
    was found, so a reader never has to open the file to understand the error.
    """

    #: A stable machine-readable code such as ``duplicate-key``.
    code: str
    #: English message.
    message: str
    #: Chinese message.
    message_zh: str
    #: The file, as the user named it (``None`` for in-memory input).
    file: str | None = None
    #: 1-based line, or ``None`` when the problem belongs to the whole file.
    line: int | None = None
    #: 1-based column.
    column: int | None = None
    #: Dotted path inside the document, e.g. ``values.enforcement.exam_passed``.
    path: str = ""
    severity: Severity = "error"

    def location(self) -> str:
        """``file:line:column`` with whatever parts are known."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, lang: str = "en") -> str:
        """One line for a terminal: location, path, code and message."""
        text = self.message_zh if lang == "zh" else self.message
        where = f" [{self.path}]" if self.path else ""
        return f"{self.location()}{where} {self.severity} {self.code}: {text}"


class FazhiError(Exception):
    """Base of every error this library raises on purpose."""


class InputError(FazhiError, ValueError):
    """Input files that cannot be used, with every problem found in them."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        """Keep the problems, in file order; the message lists them all."""
        self.problems: tuple[Problem, ...] = tuple(
            sorted(problems, key=lambda p: (p.file or "", p.line or 0, p.column or 0))
        )
        super().__init__(self.problems)

    def __str__(self) -> str:
        """All problems, one per line."""
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} found:"
        return "\n".join([head, *(p.format() for p in self.problems)])

    def __reduce__(self) -> tuple[type[InputError], tuple[tuple[Problem, ...]]]:
        """Pickle with the problems intact."""
        return (type(self), (self.problems,))


class UnknownIdError(FazhiError, KeyError):
    """An id that names nothing, with the closest known ids as suggestions."""

    def __init__(self, kind: str, wanted: str, known: Iterable[str]) -> None:
        """Remember what was asked for and what exists."""
        self.kind = kind
        self.wanted = wanted
        self.suggestions: tuple[str, ...] = did_you_mean(wanted, known)
        super().__init__(kind, wanted)

    def __str__(self) -> str:
        """English then Chinese, with suggestions."""
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        hint_zh = f"是否想输入：{'、'.join(self.suggestions)}？" if self.suggestions else ""
        english = f"unknown {self.kind} {self.wanted!r}.{hint}"
        return f"{english} / 未知的{self.kind}“{self.wanted}”。{hint_zh}"

    def __reduce__(self) -> tuple[type[UnknownIdError], tuple[str, str, tuple[str, ...]]]:
        """Pickle with suggestions intact."""
        return (type(self), (self.kind, self.wanted, self.suggestions))


class ProfileNotApplicableError(FazhiError, ValueError):
    """A profile asked to score a year it does not cover."""

    def __init__(self, profile_id: str, year: int, first: int, last: int | None) -> None:
        """Remember the profile's effective years and the year asked for."""
        self.profile_id = profile_id
        self.year = year
        self.first = first
        self.last = last
        super().__init__(profile_id, year, first, last)

    def __str__(self) -> str:
        """English then Chinese."""
        span = f"{self.first}-{self.last if self.last is not None else ''}"
        return (
            f"profile {self.profile_id!r} is effective for {span}, not for {self.year}"
            f" / 评分标准“{self.profile_id}”适用年度为{span}，不适用于{self.year}年"
        )

    def __reduce__(
        self,
    ) -> tuple[type[ProfileNotApplicableError], tuple[str, int, int, int | None]]:
        """Pickle with all fields."""
        return (type(self), (self.profile_id, self.year, self.first, self.last))


def did_you_mean(wanted: str, known: Iterable[str], limit: int = 3) -> tuple[str, ...]:
    """The known ids closest to ``wanted``, best first.

    Also matches on the part after the domain, so ``exam_pass`` finds
    ``enforcement.exam_passed``.
    """
    known = list(known)
    close = [k for k in known if wanted and (k.startswith(wanted) or wanted in k)][:limit]
    close += [
        k for k in difflib.get_close_matches(wanted, known, n=limit, cutoff=0.6) if k not in close
    ]
    if len(close) < limit:
        tails = {k.rsplit(".", 1)[-1]: k for k in known}
        tail = wanted.rsplit(".", 1)[-1]
        for match in difflib.get_close_matches(tail, list(tails), n=limit, cutoff=0.6):
            if tails[match] not in close:
                close.append(tails[match])
    return tuple(close[:limit])

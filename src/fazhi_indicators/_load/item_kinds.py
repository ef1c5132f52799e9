"""Private: read a profile's items — what each judges, its target and its rule — from YAML.

An item is a catalogue indicator against a target (``rate``, every profile written
before kinds existed), or one of the kinds published points tables score: a ratio
or coverage of fields, a deadline, a yes/no with its evidence, a count against a
maximum or a minimum, a trend against last year, a person's score, or named
sub-requirements.  Each kind accepts only its own keys and the rules that make
sense for it; every mistake is a located problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from collections.abc import Mapping as AbstractMapping
from fractions import Fraction
from typing import Literal, cast, get_args

from attrs import frozen

from fazhi_indicators._load.indicator_tree import read_node_reference
from fazhi_indicators._load.labels import read_source, read_text_pair
from fazhi_indicators._load.reader import Collector
from fazhi_indicators._load.tree import Mapping, Node, Scalar, Sequence
from fazhi_indicators.definitions import (
    AllOrNothing,
    Bands,
    Check,
    CountCheck,
    CountSteps,
    DeadlineIndicator,
    Deduct,
    Expression,
    FieldDef,
    IndicatorDef,
    Item,
    ItemKind,
    Linear,
    Manual,
    OwnIndicator,
    Partial,
    PerEvent,
    PerShortfall,
    PerStep,
    ProfileBasis,
    RateIndicator,
    Rule,
    Source,
    Text,
    Trend,
    YesNo,
)
from fazhi_indicators.exact import FlagTarget, RateTarget, Target, format_number, parse_target
from fazhi_indicators.tree import Edition

__all__ = ["KINDS", "RULES", "ItemContext", "read_item"]

PROFILE_BASES: tuple[ProfileBasis, ...] = get_args(ProfileBasis)
KINDS: tuple[ItemKind, ...] = get_args(ItemKind)
#: Rule classes by the name profiles give them.
RULES: dict[str, type[Rule]] = {rule.kind: rule for rule in get_args(Rule)}
#: Other names of a rule, as published tables write it: 「得2分」 is 0 or full.
RULE_ALIASES = {"binary": AllOrNothing.kind}
_RATE_RULES = ("all_or_nothing", "linear", "deduct", "bands", "step")
_YES_NO_RULES = ("all_or_nothing",)
#: The rules each kind accepts.
RULES_FOR: dict[str, tuple[str, ...]] = {
    "rate": _RATE_RULES,
    "ratio": _RATE_RULES,
    "coverage": _RATE_RULES,
    "deadline": _YES_NO_RULES,
    "boolean": _YES_NO_RULES,
    "zero_count": ("all_or_nothing", "per_event"),
    "max_count": ("all_or_nothing", "per_event"),
    "min_count": ("all_or_nothing", "per_shortfall"),
    "trend_up": _YES_NO_RULES,
    "trend_down": _YES_NO_RULES,
    "manual": (),
    "partial": ("partial",),
}
_RULE_KEYS: dict[str, tuple[str, ...]] = {
    "linear": ("floor",),
    "deduct": ("per_point",),
    "bands": ("bands",),
    "step": ("every", "per", "cap", "started"),
    "per_event": ("per", "cap"),
    "per_shortfall": ("per", "cap"),
    "partial": ("requirements",),
}
_KIND_KEYS: dict[str, tuple[str, ...]] = {
    "rate": ("indicator", "target"),
    "ratio": ("numerator", "denominator", "target"),
    "coverage": ("indicator", "part", "whole"),
    "deadline": ("indicator", "field", "due", "due_year"),
    "boolean": ("field", "target", "evidence"),
    "zero_count": ("field",),
    "max_count": ("field", "max"),
    "min_count": ("field", "min"),
    "trend_up": ("field", "indicator", "allow_equal"),
    "trend_down": ("field", "indicator", "allow_equal"),
    "manual": (),
    "partial": (),
}
_ITEM_COMMON = ("id", "name", "kind", "points", "rule", "mandatory", "source", "node")
_REQUIREMENT_COMMON = ("id", "name", "kind", "points", "rule")
_ITEM_ID = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$")
_TERM = re.compile(r"\s*([+-])?\s*([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)\s*")
_DUE = re.compile(r"^(\d{1,2})-(\d{1,2})$")
_TRUE = FlagTarget(text="true", value=True)
_FULL = RateTarget(text="== 100%", op="==", value=Fraction(1))


@frozen(kw_only=True)
class ItemContext:
    """What an item is checked against: the catalogue's fields, indicators and trees."""

    fields: AbstractMapping[str, FieldDef]
    indicators: AbstractMapping[str, IndicatorDef]
    #: Indicator ids the catalogue declares, built or not.
    known: Collection[str]
    trees: AbstractMapping[str, Edition]


def allowed_keys(kind: str, written: str | None, *, requirement: bool) -> tuple[str, ...]:
    """The keys an item of ``kind`` may have: its own and those of every rule it accepts.

    The keys of the rule ``written`` are allowed too, so that a rule that does not
    fit the kind is reported as such rather than as keys nobody expects.
    """
    rules = (*RULES_FOR[kind], RULE_ALIASES.get(written or "", written or ""))
    rule_keys = (k for rule in rules for k in _RULE_KEYS.get(rule, ()))
    common = _REQUIREMENT_COMMON if requirement else _ITEM_COMMON
    return tuple(dict.fromkeys((*common, *_KIND_KEYS[kind], *rule_keys)))


def _read_kind(c: Collector, items: AbstractMapping[str, Node]) -> str | None:
    """The item's kind; ``None`` (after a problem) when it names none there is."""
    rule = getattr(items.get("rule"), "value", None)
    if "kind" not in items:
        return "partial" if rule == Partial.kind else "rate"
    kind = c.text(items["kind"])
    if kind is None:
        return None
    if kind not in KINDS or kind == "partial":
        choices = [k for k in KINDS if k != "partial"]
        c.add(
            items["kind"],
            "bad-choice",
            f"kind must be one of {', '.join(choices)}; found {kind!r}"
            " (an item of sub-requirements has rule: partial and no kind)",
            f"kind 应为 {'、'.join(choices)} 之一，实际为“{kind}”"
            "（由分项组成的评分项写 rule: partial，不写 kind）",
        )
        return None
    return kind


def _required(kind: str, items: AbstractMapping[str, Node], *, requirement: bool) -> list[str]:
    """The keys an item of ``kind`` must have."""
    required = ["points"] if requirement else ["points", "source"]
    own = {
        "rate": ["indicator", "target"],
        "ratio": ["numerator", "denominator", "target"],
        "boolean": ["field"],
        "zero_count": ["field"],
        "max_count": ["field", "max"],
        "min_count": ["field", "min"],
    }
    required = [*own.get(kind, []), *required] if kind == "rate" else required + own.get(kind, [])
    if "indicator" not in items and kind != "rate":
        required[:0] = ["id", "name"]
    return required


def read_item(
    c: Collector,
    node: Node,
    ctx: ItemContext,
    seen: set[str],
    *,
    parent_source: Source | None = None,
) -> Item | None:
    """One item (or, with ``parent_source``, one sub-requirement of a partial item)."""
    item = c.mapping(node)
    if item is None:
        return None
    items = item.items
    kind = _read_kind(c, items)
    if kind is None:
        return None
    requirement = parent_source is not None
    required = _required(kind, items, requirement=requirement)
    written = getattr(items.get("rule"), "value", None)
    allowed = allowed_keys(
        kind, written if isinstance(written, str) else None, requirement=requirement
    )
    if not c.keys(item, required=required, allowed=allowed):
        return None
    if requirement and kind == "manual":
        c.add(
            items["kind"],
            "bad-choice",
            "a sub-requirement cannot be manual; make the whole item manual",
            "分项不能是人工评分项；请将整个评分项设为 manual",
        )
    item_id, name = _read_identity(c, items, ctx)
    points = c.number(items["points"])
    if points is not None and points < 0:
        c.add(
            items["points"],
            "out-of-range",
            f"points must not be negative, found {points}",
            f"分值不能为负数，实际为{points}",
        )
    source = parent_source or read_source(c, items["source"], bases=PROFILE_BASES)
    indicator_id, target, check = _read_subject(c, item, kind, ctx, item_id=item_id, name=name)
    rule = _read_rule(c, item, kind, target=target, ctx=ctx, source=source)
    mandatory = (c.boolean(items.get("mandatory")) or False) if not requirement else False
    tree_node = read_node_reference(c, items["node"], ctx.trees) if "node" in items else None
    own_id = item_id
    if kind == "rate":
        own_id = indicator_id
    elif isinstance(check, OwnIndicator):
        own_id = check.definition.id
    if (
        item_id is None
        or own_id is None
        or points is None
        or source is None
        or rule is None
        or target is None
        or (kind not in ("rate", "partial") and check is None)
        or not _first(c, items, item_id, seen)
    ):
        return None
    return Item(
        id=item_id,
        indicator=own_id,
        name=name,
        target=target,
        points=points,
        rule=rule,
        mandatory=mandatory,
        source=source,
        node=tree_node,
        check=check,
    )


def _first(c: Collector, items: AbstractMapping[str, Node], item_id: str, seen: set[str]) -> bool:
    """Whether no item before had this id; else a problem, and the id is not taken twice."""
    if item_id in seen and "id" not in items:
        c.add(
            items["indicator"],
            "duplicate-item",
            f"{item_id} is scored twice",
            f"指标 {item_id} 被重复计分",
        )
        return False
    if item_id in seen:
        c.add(
            items["id"],
            "duplicate-item",
            f"two items have the id {item_id}; give each its own",
            f"两个评分项的编号均为 {item_id}；请各用不同的编号",
        )
        return False
    seen.add(item_id)
    return True


def _read_subject(  # noqa: PLR0913 - what an item's subject is read from
    c: Collector,
    item: Mapping,
    kind: str,
    ctx: ItemContext,
    *,
    item_id: str | None,
    name: Text | None,
) -> tuple[str | None, Target | None, Check | None]:
    """What the item judges: a catalogue indicator and its target, or a check of its kind."""
    items = item.items
    if kind == "rate":
        indicator_id = _read_indicator(c, items["indicator"], ctx)
        target = _read_target(c, items["target"])
        if indicator_id is not None and target is not None:
            _check_target(c, items["target"], ctx.indicators[indicator_id], target)
        return indicator_id, target, None
    if kind in ("ratio", "coverage", "deadline"):
        own = _read_own_indicator(c, item, kind, ctx, item_id=item_id, name=name)
        target = _TRUE if kind == "deadline" else _FULL
        if kind == "ratio":
            target = _read_target(c, items["target"])
            if target is not None and not isinstance(target, RateTarget):
                c.add(
                    items["target"],
                    "bad-target",
                    "a ratio's target must be a rate",
                    "比例的目标应为比率",
                )
                target = None
        return None, target, own
    if kind == "boolean":
        check, flag = _read_yes_no(c, items, ctx)
        return None, flag, check
    if kind in ("zero_count", "max_count", "min_count"):
        return None, _TRUE, _read_count(c, items, kind, ctx)
    if kind in ("trend_up", "trend_down"):
        return None, _TRUE, _read_trend(c, item, kind, ctx)
    return None, _TRUE, Manual() if kind == "manual" else None


def _read_identity(
    c: Collector, items: AbstractMapping[str, Node], ctx: ItemContext
) -> tuple[str | None, Text | None]:
    """The item's id and name as written; the id defaults to the indicator's."""
    name = read_text_pair(c, items["name"]) if "name" in items else None
    item_id: str | None = None
    if "id" in items:
        item_id = c.text(items["id"])
        if item_id is not None and not _ITEM_ID.match(item_id):
            c.add(
                items["id"],
                "bad-id",
                "an item id is lower-case letters, digits, _ and dots"
                f" (leadership.first_responsible); found {item_id!r}",
                f"评分项编号由小写字母、数字、下划线和点组成（如 leadership.first_responsible），"
                f"实际为“{item_id}”",
            )
            item_id = None
        elif item_id is not None and "indicator" not in items and item_id in ctx.known:
            c.add(
                items["id"],
                "duplicate-id",
                f"{item_id} is a catalogue indicator's id; an item of its own needs another",
                f"{item_id} 是目录中指标的编号；自定义评分项须另起编号",
            )
            item_id = None
    elif "indicator" in items:
        item_id = getattr(items["indicator"], "value", None)
        item_id = item_id if isinstance(item_id, str) else None
    return item_id, name


def _read_indicator(c: Collector, node: Node, ctx: ItemContext) -> str | None:
    """A catalogue indicator id; ``None`` (after a problem) when unknown or not built."""
    indicator_id = c.text(node)
    if indicator_id is not None and indicator_id not in ctx.known:
        c.unknown(node, "indicator", "指标", indicator_id, ctx.known, code="unknown-id")
    if indicator_id not in ctx.indicators:  # unknown, or defined with a mistake reported there
        return None
    return indicator_id


def _read_field(c: Collector, node: Node | None, ctx: ItemContext, field_type: str) -> str | None:
    """A field id of the catalogue, of ``field_type``."""
    field_id = c.text(node)
    if field_id is None or node is None:
        return None
    if field_id not in ctx.fields:
        c.unknown(node, "field", "字段", field_id, ctx.fields, code="unknown-id")
        return None
    found = ctx.fields[field_id].type
    if found != field_type:
        words = {"count": "计数", "boolean": "是否", "date": "日期"}
        c.add(
            node,
            "wrong-type",
            f"this kind of item needs a {field_type} field; {field_id} is a {found}",
            f"该类评分项需要{words[field_type]}型字段；{field_id} 为{words[found]}型",
        )
        return None
    return field_id


def _read_expression(c: Collector, node: Node | None, ctx: ItemContext) -> Expression | None:
    """Field ids joined by + and -, each a count field of the catalogue."""
    text = c.text(node)
    if text is None or node is None:
        return None
    terms: list[tuple[int, str]] = []
    position = 0
    while position < len(text):
        match = _TERM.match(text, position)
        if not match or (terms and match[1] is None) or match.end() == position:
            c.add(
                node,
                "bad-formula",
                f"expected field ids joined by + or -, found {text!r}",
                f"应为用 + 或 - 连接的字段编号，实际为“{text}”",
            )
            return None
        terms.append((-1 if match[1] == "-" else 1, match[2]))
        position = match.end()
    ok = True
    for _, field_id in terms:
        if field_id not in ctx.fields:
            c.unknown(node, "field", "字段", field_id, ctx.fields, code="unknown-id")
            ok = False
        elif ctx.fields[field_id].type != "count":
            c.add(
                node,
                "wrong-type",
                f"{field_id} is a {ctx.fields[field_id].type}, not a count",
                f"{field_id} 不是计数型字段",
            )
            ok = False
    return Expression(terms=tuple(terms)) if ok and terms else None


def _one_of(c: Collector, item: Mapping, first: str, others: tuple[str, ...]) -> bool | None:
    """Whether ``first`` is given (``True``) or all ``others`` are (``False``); else a problem."""
    items = item.items
    has_first, has_others = first in items, [k for k in others if k in items]
    if has_first and has_others:
        c.add(
            items[has_others[0]],
            "conflict",
            f"give either {first} or {' and '.join(others)}, not both",
            f"{first} 与 {'、'.join(others)} 只能择一填写",
        )
        return None
    if has_first:
        return True
    if len(has_others) == len(others):
        return False
    missing = [k for k in others if k not in items]
    c.add(
        item,
        "missing-key",
        f"give {first}, or {' and '.join(others)} (missing: {', '.join(missing)})",
        f"请填写 {first}，或 {'、'.join(others)}（缺少：{'、'.join(missing)}）",
    )
    return None


def _read_own_indicator(  # noqa: PLR0911, PLR0913 - a return per way to fail; its parts
    c: Collector,
    item: Mapping,
    kind: str,
    ctx: ItemContext,
    *,
    item_id: str | None,
    name: Text | None,
) -> OwnIndicator | None:
    """The rate or deadline a ``ratio``, ``coverage`` or ``deadline`` item judges."""
    items = item.items
    own_kind = cast("Literal['ratio', 'coverage', 'deadline']", kind)
    if kind == "ratio":
        fields: tuple[str, ...] = ("numerator", "denominator")
        named: bool | None = False
    else:
        fields = ("part", "whole") if kind == "coverage" else ("field", "due")
        named = _one_of(c, item, "indicator", fields)
    if named is None:
        return None
    if named:
        indicator_id = _read_indicator(c, items["indicator"], ctx)
        if indicator_id is None:
            return None
        definition = ctx.indicators[indicator_id]
        wrong = (kind == "deadline") != isinstance(definition, DeadlineIndicator)
        if wrong or (isinstance(definition, RateIndicator) and definition.kind != "share"):
            c.add(
                items["indicator"],
                "bad-target",
                f"a {kind} item needs a {'deadline' if kind == 'deadline' else 'share'}"
                f" indicator; {indicator_id} is a {definition.kind}",
                f"{kind} 类评分项需要{'期限' if kind == 'deadline' else '占比'}型指标；"
                f"{indicator_id} 不是",
            )
            return None
        return OwnIndicator(kind=own_kind, definition=definition)
    if item_id is None or name is None:
        return None
    if kind == "deadline":
        date_field = _read_field(c, items["field"], ctx, "date")
        due = _read_due(c, items["due"])
        year = c.choice(items.get("due_year"), ("next", "same"), "next")
        if date_field is None or due is None:
            return None
        return OwnIndicator(
            kind=own_kind,
            definition=DeadlineIndicator(
                id=item_id,
                name=name,
                direction="higher",
                date_field=date_field,
                deadline=due,
                year_offset=0 if year == "same" else 1,
            ),
        )
    numerator = _read_expression(c, items[fields[0]], ctx)
    denominator = _read_expression(c, items[fields[1]], ctx)
    if numerator is None or denominator is None:
        return None
    return OwnIndicator(
        kind=own_kind,
        definition=RateIndicator(
            id=item_id,
            name=name,
            direction="higher",
            kind="share" if kind == "coverage" else "clearance",
            numerator=numerator,
            denominator=denominator,
        ),
    )


def _read_due(c: Collector, node: Node) -> tuple[int, int] | None:
    """``"04-01"``: a month and day in the year after the reporting year."""
    text = str(getattr(node, "value", ""))
    match = _DUE.match(text.strip())
    if match:
        month, day = int(match[1]), int(match[2])
        try:
            dt.date(2024, month, day)  # a leap year: 02-29 is a day some years have
        except ValueError:
            pass
        else:
            return month, day
    c.add(
        node,
        "bad-number",
        f'expected a month and day such as "04-01", found {text!r}',
        f'应为月-日（如"04-01"），实际为“{text}”',
    )
    return None


def _read_yes_no(
    c: Collector, items: AbstractMapping[str, Node], ctx: ItemContext
) -> tuple[YesNo | None, Target | None]:
    field_id = _read_field(c, items["field"], ctx, "boolean")
    target: Target | None = _TRUE
    if "target" in items:
        target = _read_target(c, items["target"])
        if target is not None and not isinstance(target, FlagTarget):
            c.add(
                items["target"],
                "bad-target",
                'a yes/no item\'s target is "true" or "false"',
                '是否型评分项的目标应为"true"或"false"',
            )
            target = None
    required = False
    if "evidence" in items:
        required = c.choice(items["evidence"], ("required", "optional"), "optional") == "required"
    if field_id is None or not isinstance(target, FlagTarget):
        return None, target
    return YesNo(field=field_id, want=target.value, evidence_required=required), target


def _count(c: Collector, node: Node) -> int | None:
    return c.integer(node, minimum=0)


def _read_count(
    c: Collector, items: AbstractMapping[str, Node], kind: str, ctx: ItemContext
) -> CountCheck | None:
    field_id = _read_field(c, items["field"], ctx, "count")
    count_kind = cast("Literal['zero_count', 'max_count', 'min_count']", kind)
    if kind == "zero_count":
        return None if field_id is None else CountCheck(kind=count_kind, field=field_id, at_most=0)
    if kind == "max_count":
        most = _count(c, items["max"])
        if field_id is None or most is None:
            return None
        return CountCheck(kind=count_kind, field=field_id, at_most=most)
    least = _read_minimum(c, items["min"], ctx)
    if field_id is None or least is None:
        return None
    return CountCheck(kind=count_kind, field=field_id, at_least=least)


def _read_minimum(c: Collector, node: Node, ctx: ItemContext) -> int | CountSteps | None:
    """``3``, or ``{per: <count field>, steps: [{up_to: 5, min: 1}, …, {min: 3}]}``."""
    if not isinstance(node, Mapping):
        return _count(c, node)
    if not c.keys(node, required=("per", "steps"), allowed=("per", "steps")):
        return None
    per = _read_field(c, node.items["per"], ctx, "count")
    steps: list[tuple[int | None, int]] = []
    listed = c.sequence(node.items["steps"]) or ()
    ok = bool(listed)
    for position, step_node in enumerate(listed):
        step = c.mapping(step_node)
        if step is None or not c.keys(step, required=("min",), allowed=("up_to", "min")):
            ok = False
            continue
        least = _count(c, step.items["min"])
        up_to = _count(c, step.items["up_to"]) if "up_to" in step.items else None
        last = position == len(listed) - 1
        previous = steps[-1][0] if steps else None
        out_of_order = up_to is not None and previous is not None and up_to <= previous
        if (up_to is None) != last or out_of_order:
            c.add(
                step,
                "bad-steps",
                "steps rise by up_to, and only the last step has no up_to",
                "分档按 up_to 升序排列，且只有最后一档不写 up_to",
            )
            ok = False
        if least is None or ("up_to" in step.items and up_to is None):
            ok = False
            continue
        steps.append((up_to, least))
    if not listed:
        c.add(
            node.items["steps"],
            "bad-steps",
            "steps needs at least one step",
            "steps 至少需要一档",
        )
    if per is None or not ok:
        return None
    return CountSteps(per=per, steps=tuple(steps))


def _read_trend(c: Collector, item: Mapping, kind: str, ctx: ItemContext) -> Trend | None:
    items = item.items
    named = _one_of(c, item, "indicator", ("field",))
    allow_equal = c.boolean(items["allow_equal"]) if "allow_equal" in items else False
    trend_kind = cast("Literal['trend_up', 'trend_down']", kind)
    if named is None or allow_equal is None:
        return None
    if named:
        indicator_id = _read_indicator(c, items["indicator"], ctx)
        if indicator_id is None:
            return None
        if not isinstance(ctx.indicators[indicator_id], RateIndicator):
            c.add(
                items["indicator"],
                "bad-target",
                f"a trend needs a rate or a count; {indicator_id} is a deadline",
                f"趋势项需要比率或计数；{indicator_id} 为期限型指标",
            )
            return None
        return Trend(
            kind=trend_kind, subject=indicator_id, of_indicator=True, allow_equal=allow_equal
        )
    field_id = _read_field(c, items["field"], ctx, "count")
    if field_id is None:
        return None
    return Trend(kind=trend_kind, subject=field_id, allow_equal=allow_equal)


def _read_target(c: Collector, node: Node | None) -> Target | None:
    if node is None:
        return None
    text = (
        str(node.value).lower()
        if isinstance(node, Scalar) and isinstance(node.value, bool)
        else c.text(node)
    )
    if text is None:
        return None
    try:
        return parse_target(text)
    except ValueError:
        c.add(
            node,
            "bad-target",
            f'expected a target such as ">= 95%", "<= 15%", "== 100%" or "true"; found {text!r}',
            f'应为目标值（如">= 95%"、"<= 15%"、"== 100%"、"true"），实际为“{text}”',
        )
        return None


def _check_target(c: Collector, node: Node, indicator: IndicatorDef, target: Target) -> None:
    """Targets must fit the indicator: yes/no for deadlines, reachable for shares."""
    if isinstance(indicator, DeadlineIndicator):
        if not isinstance(target, FlagTarget):
            c.add(
                node,
                "bad-target",
                f'{indicator.id} is yes/no; its target must be "true"',
                f'{indicator.id} 为是否型指标，目标应为"true"',
            )
    elif isinstance(target, FlagTarget):
        c.add(
            node,
            "bad-target",
            f"{indicator.id} is a rate; its target must be a rate",
            f"{indicator.id} 为比率型指标，目标应为比率",
        )
    elif indicator.kind == "share" and (
        target.value > 1
        or (target.value == 1 and target.op == ">")
        or (target.value == 0 and target.op == "<")
    ):
        c.add(
            node,
            "unreachable-target",
            f"{indicator.id} is a share (at most 100%); target {target} can never be met",
            f"{indicator.id} 为占比（不超过100%），目标 {target} 无法达到",
        )


def _read_rule(  # noqa: PLR0911, PLR0913 - a return per kind of rule; its context
    c: Collector,
    item: Mapping,
    kind: str,
    *,
    target: Target | None,
    ctx: ItemContext,
    source: Source | None,
) -> Rule | None:
    """The item's rule; ``None`` (after a problem) when it lacks what its kind needs."""
    items = item.items
    name = Partial.kind if kind == "partial" else AllOrNothing.kind
    if "rule" in items:
        written = c.text(items["rule"]) or name
        name = RULE_ALIASES.get(written, written)
        if name not in RULES:
            names = (*RULES, *RULE_ALIASES)
            c.add(
                items["rule"],
                "bad-choice",
                f"rule must be one of {', '.join(names)}; found {name!r}",
                f"rule 应为 {'、'.join(names)} 之一，实际为“{name}”",
            )
            name = AllOrNothing.kind
        elif name not in RULES_FOR[kind]:
            fits = ", ".join(RULES_FOR[kind]) or "none (a person gives the points)"
            fits_zh = "、".join(RULES_FOR[kind]) or "无（由人工评分）"
            c.add(
                items["rule"],
                "rule-not-for-kind",
                f"rule {written} does not fit a {kind} item; it takes: {fits}",
                f"计分规则 {written} 不适用于 {kind} 类评分项；可用：{fits_zh}",
            )
            return None
    needs = {
        Linear.kind: ("floor",),
        Deduct.kind: ("per_point",),
        PerStep.kind: ("every", "per"),
        PerEvent.kind: ("per",),
        PerShortfall.kind: ("per",),
        Partial.kind: ("requirements",),
    }
    for key in needs.get(name, ()):
        if key not in items:
            c.add(
                items.get("rule", item),
                "missing-key",
                f"rule {name} needs {key!r}",
                f"计分规则 {name} 需要给出“{key}”",
            )
    if name == Linear.kind:
        floor = c.number(items.get("floor"))
        if floor is not None and isinstance(target, RateTarget):
            _check_floor(c, items.get("floor"), floor, target)
        return None if floor is None else Linear(floor=floor)
    if name == Deduct.kind:
        per_point = c.number(items.get("per_point"))
        return None if per_point is None else Deduct(per_point=per_point)
    if name == Bands.kind:
        return _read_bands(c, item)
    if name in (PerStep.kind, PerEvent.kind, PerShortfall.kind):
        return _read_per(c, items, name)
    if name == Partial.kind:
        return _read_partial(c, items, ctx, source)
    return AllOrNothing()


def _positive(c: Collector, node: Node | None, key: str) -> Fraction | None:
    value = c.number(node)
    if value is not None and value <= 0:
        c.add(
            node,
            "out-of-range",
            f"{key} must be above 0, found {format_number(value)}",
            f"{key} 应大于0，实际为{format_number(value)}",
        )
        return None
    return value


def _read_per(c: Collector, items: AbstractMapping[str, Node], name: str) -> Rule | None:
    """A rule of so many points per event, per one short, or per step short."""
    per = _positive(c, items.get("per"), "per")
    cap = _positive(c, items["cap"], "cap") if "cap" in items else None
    if per is None or ("cap" in items and cap is None):
        return None
    if name == PerEvent.kind:
        return PerEvent(per=per, cap=cap)
    if name == PerShortfall.kind:
        return PerShortfall(per=per, cap=cap)
    every = _positive(c, items.get("every"), "every")
    started = c.boolean(items["started"]) if "started" in items else False
    if every is None or started is None:
        return None
    return PerStep(every=every, per=per, cap=cap, started=started)


def _read_partial(
    c: Collector,
    items: AbstractMapping[str, Node],
    ctx: ItemContext,
    source: Source | None,
) -> Partial | None:
    listed = c.sequence(items.get("requirements"))
    if listed is None:
        return None
    if not listed:
        c.add(
            items["requirements"],
            "missing-key",
            "rule partial needs at least one requirement",
            "计分规则 partial 至少需要一个分项",
        )
        return None
    seen: set[str] = set()
    parent = source or Source(basis="assumption")
    read = [read_item(c, n, ctx, seen, parent_source=parent) for n in listed]
    if any(r is None for r in read):
        return None
    return Partial(requirements=tuple(r for r in read if r is not None))


def _read_bands(c: Collector, item: Mapping) -> Bands | None:
    items = item.items
    bands: list[tuple[Target, Fraction]] = []
    for band in c.sequence(items.get("bands")) or ():
        band_map = c.mapping(band)
        if band_map is None or not c.keys(
            band_map, required=("at", "points"), allowed=("at", "points")
        ):
            continue
        at = _read_target(c, band_map.items["at"])
        points = c.number(band_map.items["points"])
        if at is not None and points is not None:
            bands.append((at, points))
    given = items.get("bands")
    if not (isinstance(given, Sequence) and given.items):
        c.add(
            items.get("bands", items.get("rule", item)),
            "missing-key",
            "rule bands needs a non-empty 'bands' list",
            "计分规则 bands 需要非空的 bands 列表",
        )
    return Bands(bands=tuple(bands)) if bands else None


def _check_floor(c: Collector, node: Node | None, floor: Fraction, target: RateTarget) -> None:
    """A linear rule's floor must lie on the worse side of its target."""
    wrong = (
        floor == target.value
        or (target.op in (">=", ">") and floor > target.value)
        or (target.op in ("<=", "<") and floor < target.value)
    )
    if wrong:
        shown = format_number(floor * 100)
        c.add(
            node,
            "bad-rule",
            f"the floor {shown}% must lie on the worse side of the target {target}",
            f"下限 {shown}% 应位于目标 {target} 的不利一侧",
        )

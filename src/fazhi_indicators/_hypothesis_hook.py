"""Private: the hook Hypothesis's entry point calls, kept apart from the strategies.

Hypothesis runs entry points while it is itself being imported.  Were the hook in
:mod:`fazhi_indicators.strategies`, importing that module first (``from
fazhi_indicators.strategies import share_inputs`` in a fresh interpreter) would
re-enter it half-built and fail.  This module imports nothing of Hypothesis's at
its top, and the registered strategies are deferred, so that neither the
strategies module nor the catalogue loads until a test asks for a type.
"""

from __future__ import annotations

from typing import Any

from fazhi_indicators.county import CountyYear
from fazhi_indicators.definitions import Catalog, FieldDef, Profile
from fazhi_indicators.exact import Interval, RateTarget, StatedRate

__all__ = ["setup"]


def _strategy(name: str) -> Any:  # noqa: ANN401 - a Hypothesis strategy
    """``fazhi_indicators.strategies.<name>()``, imported when first drawn from."""
    from hypothesis import strategies as st  # noqa: PLC0415 - Hypothesis is mid-import here

    def build() -> Any:  # noqa: ANN401 - a Hypothesis strategy
        from fazhi_indicators import strategies  # noqa: PLC0415 - only once a test draws

        made = getattr(strategies, name)()
        return made.map(lambda pair: pair[1]) if name == "stated_rates" else made

    return st.deferred(build)


def setup() -> None:
    """Register our strategies so ``st.from_type`` works for the public types."""
    from hypothesis import strategies as st  # noqa: PLC0415 - Hypothesis is mid-import here

    for kind, name in (
        (Interval, "intervals"),
        (RateTarget, "targets"),
        (StatedRate, "stated_rates"),
        (Catalog, "catalogs"),
        (Profile, "profiles"),
        (CountyYear, "county_years"),
        (FieldDef, "field_defs"),
    ):
        st.register_type_strategy(kind, _strategy(name))

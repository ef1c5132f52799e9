"""Shared fixtures and Hypothesis profiles (``FAST=1`` for a quick local run)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import fazhi_indicators as fz

if os.environ.get("HYPOTHESIS_NO_PLUGINS"):
    # Entry points are off (as under mutation testing, so that the package under
    # test is imported from the mutated copy); register our types by hand.
    from fazhi_indicators._hypothesis_hook import setup

    setup()

settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("fast", max_examples=30, deadline=None)
settings.load_profile("fast" if os.environ.get("FAST") else "ci")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(name="catalog", scope="session")
def _catalog() -> fz.Catalog:
    return fz.default_catalog()


@pytest.fixture(name="shenqiu", scope="session")
def _shenqiu(catalog: fz.Catalog) -> fz.CountyYear:
    return fz.load_county_year(fz.example_path("shenqiu-2023"), catalog)


@pytest.fixture(name="tongzhou", scope="session")
def _tongzhou(catalog: fz.Catalog) -> fz.CountyYear:
    return fz.load_county_year(fz.example_path("tongzhou-2023"), catalog)

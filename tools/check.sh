#!/usr/bin/env bash
# Quick local check before a commit: lint, format, types, fast tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check .
ruff format --check .
mypy
FAST=1 python -m pytest -q

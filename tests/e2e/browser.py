"""Debian's chromium driven by Playwright, with the flags that work on this machine."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("VCOFFEE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
AXE_SCRIPT = FRONTEND / "node_modules" / "axe-core" / "axe.min.js"
LAST_SCREENS = ROOT / "test-results" / "last-screens"
SCREENSHOTS = Path(os.environ.get("VCOFFEE_SCREENSHOT_DIR", ROOT / "test-results" / "screenshots"))

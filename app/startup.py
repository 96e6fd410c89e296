"""The documented offline switches, set once when `quotedesk serve` starts (before Gradio loads).

Gradio reads these at import: no analytics, version checks or Hugging Face calls. Its queue
also summarises its last events with pandas after every event, for a monitoring page
quotedesk does not serve: under the soak (benchmarks/soak.py, py-spy) that was about 6% of the
server's busy time and grew with uptime, so it is summarised rarely, over few events.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

OFFLINE_SWITCHES = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "GRADIO_ANALYTICS_MAX_EVENTS": "500",
    "GRADIO_ANALYTICS_CACHE_FREQUENCY": "500",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}


def set_offline_switches(environ: MutableMapping[str, str] | None = None) -> None:
    """Set each switch the user has not set; call before `app.ui` (and Gradio) is imported."""
    target = os.environ if environ is None else environ
    for name, value in OFFLINE_SWITCHES.items():
        target.setdefault(name, value)

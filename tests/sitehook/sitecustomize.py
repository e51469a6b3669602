"""Test-only: point a ``python -m app`` subprocess at the test's policy file.

The program reads IT's policy from one fixed path per platform and no environment
variable moves it (issue 17, item 3). Tests still need their own policy file in the
subprocesses they start, so the ``helpline_env`` fixture puts this folder on PYTHONPATH
and names the file in ``HELPLINE_TEST_POLICY_FILE``; Python imports this module at start-up.
It is never installed or frozen, so the variable means nothing to a real Helpline.
"""

import os

if os.environ.get("HELPLINE_TEST_POLICY_FILE"):
    from pathlib import Path

    import app.core.paths

    app.core.paths.POLICY_FILE = Path(os.environ["HELPLINE_TEST_POLICY_FILE"])

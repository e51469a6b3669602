"""Entry point of the frozen build: the same command line as the ``helpline`` script."""

import sys

from app.cli import main

sys.exit(main())

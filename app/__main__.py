"""``python -m app`` runs the same command line as the ``helpline`` script."""

import sys

from app.launch import main

sys.exit(main())

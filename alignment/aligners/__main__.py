"""``python -m alignment.aligners``: see ``cli``."""

import sys

from .cli import main

sys.exit(main())

"""`python -m devstack.rehearsal`: see devstack/rehearsal/scenario.py."""

import sys

from devstack.rehearsal.scenario import main

sys.exit(main())

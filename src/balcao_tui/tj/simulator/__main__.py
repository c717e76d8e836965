import sys

from balcao_tui.tj.simulator.command import main

sys.exit(main())

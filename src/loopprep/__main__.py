"""`python -m loopprep` runs the command line."""

from loopprep.cli.app import main

main()

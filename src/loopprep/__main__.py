"""`python -m loopprep` runs the command line."""

from loopprep.launch import main

main()

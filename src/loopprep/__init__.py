"""loopprep: interview preparation for competency-based interviews."""

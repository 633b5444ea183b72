"""Scorers of the bundled example story against its hand-written gold (examples/gold/harbor-strike).

The example story is written for the project, so every stage scores 1.000 on it; these scorers
back the unit tests. Real-data scores come from the scorers one level up (``storyline eval``).

    python -m storyline.eval.example.quotes [GOLD.json INPUT...]
"""

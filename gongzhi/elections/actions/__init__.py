"""The elections' writers, one module a part (rounds.py, roll.py; the count's part beside them)."""

"""The `make bench` harness: `bench/run.py` drives it, one module a step (seed, server, load, storm,
importing, report); `bench/inside.py` runs the steps that need Django, each in a process of its own."""

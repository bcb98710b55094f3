"""The steps build.py runs, one module each."""

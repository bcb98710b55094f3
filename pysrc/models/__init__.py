"""Weights of the trained models the course ships (see buildlib/models.py)."""

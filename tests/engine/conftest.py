"""Put pysrc/ on sys.path so `import engine` works when these tests run on their own."""
import os
import sys

PYSRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "pysrc"))
if PYSRC not in sys.path:
    sys.path.insert(0, PYSRC)

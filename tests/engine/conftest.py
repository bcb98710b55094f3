"""Put pysrc/ on sys.path so `import engine` works when these tests run on their own,
and this folder too, for the small helper module engine_gradcheck."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PYSRC = os.path.abspath(os.path.join(HERE, "..", "..", "pysrc"))
if PYSRC not in sys.path:
    sys.path.insert(0, PYSRC)
if HERE not in sys.path:
    sys.path.append(HERE)

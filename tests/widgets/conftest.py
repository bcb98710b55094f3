"""Put pysrc/ first on sys.path so `import widgets` finds the course's widgets."""
import os
import sys

PYSRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "pysrc"))
if PYSRC in sys.path:
    sys.path.remove(PYSRC)
sys.path.insert(0, PYSRC)

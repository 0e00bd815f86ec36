"""Garbage-collection pauses of every Python process started with this folder on ``PYTHONPATH``.

Python imports ``sitecustomize`` at start-up, so putting this folder first on the path of a
benchmark run records, per process, every collection that took over 2 ms and every full one, in
``$GCPROBE_DIR/pauses-<pid>.txt``: generation, milliseconds, objects collected, wall-clock time.
Only when ``GCPROBE_DIR`` is set. Used for ``bench/registry.md``, "The tail":

    GCPROBE_DIR=/tmp/gc PYTHONPATH=bench/registry/gcprobe .venv/bin/python bench/registry/run.py ...
    awk '$1 == 2' /tmp/gc/pauses-*.txt
"""

import gc
import os
import time

_DIR = os.environ.get("GCPROBE_DIR")
if _DIR:
    _started: dict[str, float] = {}
    _path = os.path.join(_DIR, f"pauses-{os.getpid()}.txt")

    def _record(phase: str, info: dict) -> None:
        if phase == "start":
            _started["at"] = time.perf_counter()
            return
        took = time.perf_counter() - _started.get("at", time.perf_counter())
        if took > 0.002 or info["generation"] == 2:
            with open(_path, "a") as f:
                f.write(
                    f"{info['generation']} {took * 1000:.3f} {info.get('collected', 0)} {time.time():.3f}\n"
                )

    os.makedirs(_DIR, exist_ok=True)
    gc.callbacks.append(_record)

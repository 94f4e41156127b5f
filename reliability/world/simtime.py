"""Simulated time shared by the world and every binary it runs.

Time is piecewise linear: at real instant `anchor_real` it is `anchor_sim`, then it runs `rate`
simulated seconds per real second. The driver jumps forward between runs (the next scheduled
invocation) by starting a new segment; it never jumps while a binary runs, because a process
keeps the segment it was started with (reliability/simclock reads SIMCLOCK_OFFSET, _RATE and
_ANCHOR once, at start-up).
"""
import threading
import time


class SimTime:
    def __init__(self, rate=1.0, start=None, real=time.time):
        if rate <= 0:
            raise ValueError(f"rate must be > 0, got {rate}")
        self._real = real
        self._lock = threading.Lock()
        self.rate = float(rate)
        self.anchor_real = real()
        self.anchor_sim = float(start if start is not None else self.anchor_real)

    def now(self):
        with self._lock:
            return self.anchor_sim + self.rate * (self._real() - self.anchor_real)

    def jump_to(self, sim):
        """Starts a new segment at `sim` (never backwards)."""
        with self._lock:
            real = self._real()
            current = self.anchor_sim + self.rate * (real - self.anchor_real)
            self.anchor_real, self.anchor_sim = real, max(current, float(sim))
            return self.anchor_sim

    def advance(self, seconds):
        return self.jump_to(self.now() + seconds)

    def process_env(self, simclock_so):
        """LD_PRELOAD settings that give a process started now the world's clock."""
        with self._lock:
            return {"LD_PRELOAD": simclock_so, "SIMCLOCK_RATE": repr(self.rate),
                    "SIMCLOCK_ANCHOR": f"{self.anchor_real:.6f}",
                    "SIMCLOCK_OFFSET": f"{self.anchor_sim - self.anchor_real:.6f}"}

    def real_seconds(self, sim_seconds):
        return sim_seconds / self.rate

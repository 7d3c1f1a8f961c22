"""CPU seconds of process trees, read from /proc (Linux), sampled while the load runs.

A tree's CPU is the user and system time of every live process in it plus the
time of the children each has already waited for (cutime, cstime): gunicorn's
master with its workers, PostgreSQL's postmaster with its backends (a backend
ends with its connection and is waited for), locust's process. Sampled once a
second with the load average, so that the figures of any stretch of the run
(the login rush, the steady run) can be read afterwards.
"""

from __future__ import annotations

import os
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds of the process and of its waited-for children)."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces or parentheses: the fields follow its last ")".
    fields = raw[raw.rindex(")") + 2 :].split()
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return int(fields[1]), (utime + stime + cutime + cstime) / TICKS


def _all() -> dict[int, tuple[int, float]]:
    found = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None:
                found[int(entry.name)] = stat
    return found


def tree_cpu(root: int, processes: dict[int, tuple[int, float]] | None = None) -> float:
    """CPU seconds used so far by `root` and every process below it."""
    processes = _all() if processes is None else processes
    children: dict[int, list[int]] = defaultdict(list)
    for pid, (parent, _cpu) in processes.items():
        children[parent].append(pid)
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if pid in processes:
            total += processes[pid][1]
            todo.extend(children.get(pid, []))
    return total


def postmaster_of(socket_folder: str) -> int | None:
    """The PostgreSQL server whose data folder lies in `socket_folder` (tools/pgcluster.py
    keeps both there): the first line of its postmaster.pid."""
    try:
        first = (Path(socket_folder) / "data" / "postmaster.pid").read_text().split("\n", 1)[0]
    except OSError:
        return None
    return int(first) if first.strip().isdigit() else None


@dataclass
class Sample:
    at: float
    cpu: dict[str, float]
    load: tuple[float, float, float]


@dataclass
class Sampler:
    """Samples the named trees' CPU every `every` seconds in a thread, until stopped."""

    roots: dict[str, int]
    every: float = 1.0
    samples: list[Sample] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def sample(self) -> Sample:
        processes = _all()
        last = self.samples[-1].cpu if self.samples else {}
        taken = Sample(
            at=time.time(),
            # A tree whose root has ended keeps the CPU it had used.
            cpu={
                name: tree_cpu(pid, processes) if pid in processes else last.get(name, 0.0)
                for name, pid in list(self.roots.items())
            },
            load=os.getloadavg(),
        )
        self.samples.append(taken)
        return taken

    def start(self) -> None:
        self.sample()

        def run() -> None:
            while not self._stop.wait(self.every):
                self.sample()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.sample()

    def at(self, moment: float) -> Sample:
        """The last sample taken at or before `moment` (the first if none)."""
        before = [s for s in self.samples if s.at <= moment]
        return before[-1] if before else self.samples[0]

    def between(self, start: float, end: float) -> tuple[float, dict[str, float]]:
        """The seconds between the samples nearest `start` and `end`, and each tree's CPU
        seconds in them."""
        first, last = self.at(start), self.at(end)
        return last.at - first.at, {
            name: last.cpu[name] - first.cpu.get(name, 0.0) for name in last.cpu
        }

"""Times each performance target against its reference, side by side in one run.

Runs alternate (ours, reference, ours, reference…) so that drift on a noisy machine hits both;
figures are medians and the verdict is a ratio, never an absolute time. Peak memory (max RSS)
is read per child process with os.wait4. Results go to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
STAKEHOLDERS = str(BIN / "stakeholders")
SQLITE_UTILS = str(BIN / "sqlite-utils")
#: The calibration: a step the targets' reference figures time (about 240 ms there).
CALIBRATION = [sys.executable, "-c", "import sqlalchemy"]
CALIBRATION_SECONDS = 0.240


@dataclass
class Run:
    seconds: float
    max_rss_mib: float
    returncode: int


def run(cmd: list[str], *, env: dict | None = None, stdout=subprocess.DEVNULL,
        setup=None) -> Run:
    """One timed process: wall time and its own peak memory."""
    if setup:
        setup()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err.strip()[-300:]}")
    return Run(elapsed, usage.ru_maxrss / 1024, proc.returncode)


@dataclass
class Result:
    target: str
    ours: str
    reference: str
    ours_s: float
    ref_s: float
    max_ratio: float | None  # ours/reference must be at most this
    max_seconds: float | None  # or: ours must take at most this long (whole command) on the
    ours_mib: float            # machines the targets were set on; see Bench.speed
    ref_mib: float
    speed: float = 1.0  # this machine's time for the calibration, over the targets' machines'

    @property
    def ratio(self) -> float:
        return self.ours_s / self.ref_s

    @property
    def goal(self) -> str:
        if self.max_ratio is not None:
            return f"ratio <= {self.max_ratio}"
        if self.speed == 1.0:
            return f"< {self.max_seconds} s"
        return f"< {self.max_seconds} s x {self.speed:.2f} = {self.budget:.2f} s"

    @property
    def met(self) -> bool:
        if self.max_ratio is not None:
            return self.ratio <= self.max_ratio
        return self.ours_s < self.budget

    @property
    def budget(self) -> float:
        """A target in seconds, on this machine: as much slower or faster as it is."""
        return self.max_seconds * self.speed


@dataclass
class Bench:
    repeat: int
    work: Path
    env: dict = field(default_factory=dict)
    results: list[Result] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: How much slower this machine is than those the targets in seconds were set on (their
    #: figures: `import sqlalchemy` in CALIBRATION_SECONDS), measured in this run
    speed: float = 1.0

    def calibrate(self) -> None:
        """Time what the targets' own reference figures timed on their machines, so that a
        target in seconds holds on a machine slower or faster than those."""
        seconds = statistics.median(run(CALIBRATION, env=self.env).seconds
                                    for _ in range(self.repeat))
        self.speed = seconds / CALIBRATION_SECONDS
        self.notes.append(
            f"Targets in seconds (4, 5) were set on machines where `import sqlalchemy` takes "
            f"{CALIBRATION_SECONDS} s; here it took {seconds:.3f} s in this run, so their "
            f"budgets are scaled by {self.speed:.2f}.")

    def compare(self, target: str, ours: list[str], reference: list[str],
                max_ratio: float | None = None, *, max_seconds: float | None = None,
                setup_ours=None, setup_ref=None) -> None:
        mine, theirs = [], []
        for _ in range(self.repeat):
            mine.append(run(ours, env=self.env, setup=setup_ours))
            theirs.append(run(reference, env=self.env, setup=setup_ref))
        r = Result(target, " ".join(_short(ours)), " ".join(_short(reference)),
                   statistics.median(m.seconds for m in mine),
                   statistics.median(t.seconds for t in theirs), max_ratio, max_seconds,
                   max(m.max_rss_mib for m in mine), max(t.max_rss_mib for t in theirs),
                   speed=self.speed if max_seconds is not None else 1.0)
        self.results.append(r)
        print(f"{target}: {r.ours_s:.3f}s vs {r.ref_s:.3f}s -> x{r.ratio:.2f} "
              f"({r.goal}) {'met' if r.met else 'NOT met'}", flush=True)


def _short(cmd: list[str]) -> list[str]:
    """The command as the results show it: file names without their folders."""
    return [re.sub(r"(?<![\w.])/(?:[^/\s]+/)+", "", c) for c in cmd]


def available(*args: str) -> bool:
    return subprocess.run([STAKEHOLDERS, *args, "--help"], capture_output=True).returncode == 0


def target_startup(b: Bench, seeded: Path) -> None:
    b.compare("1a. --help", [STAKEHOLDERS, "--help"], [SQLITE_UTILS, "--help"], 1.0)
    if available("person", "list"):
        reference = [SQLITE_UTILS, "rows", str(seeded), "people", "--limit", "10", "--table"]
        b.compare("1b. person list (seeded)",
                  [STAKEHOLDERS, "--db", str(seeded), "person", "list"], reference, 1.5)
        # The floor under any command that reads the database through the data layer:
        # importing SQLAlchemy's ORM and the models (the schema is declared with them).
        b.compare("1b floor: ORM and models import alone",
                  [sys.executable, "-c", "import sqlalchemy.orm, stakeholders.models"],
                  reference, 1.5)
        # Under that, the floor of the fixed stack itself: SQLAlchemy's Core, with no ORM and
        # no models, which any command reading through SQLAlchemy must import.
        b.compare("1b floor: SQLAlchemy Core import alone",
                  [sys.executable, "-c", "import sqlalchemy"], reference, 1.5)
    else:
        b.notes.append("1b not measured: `person list` is not available in this build.")


def target_import(b: Bench, csv_path: Path, template: Path) -> None:
    if not available("import", "contacts"):
        b.notes.append("2 not measured: `import contacts` is not available in this build.")
        return
    ours_db, ref_db = b.work / "import.db", b.work / "ref-import.db"

    def fresh_ours() -> None:
        shutil.copyfile(template, ours_db)
        os.chmod(ours_db, 0o600)

    def fresh_ref() -> None:
        ref_db.unlink(missing_ok=True)

    reference = [SQLITE_UTILS, "insert", str(ref_db), "contacts", str(csv_path), "--csv"]
    b.compare("2. import contacts (CSV)",
              [STAKEHOLDERS, "--db", str(ours_db), "import", "contacts", str(csv_path)],
              reference, 0.5, setup_ours=fresh_ours, setup_ref=fresh_ref)
    # The floor: Python's sqlite3 module alone inserting, with executemany in one transaction,
    # the very rows the import wrote into the same schema and indexes (bench/floor_insert.py).
    floor_db = b.work / "floor.db"

    def fresh_floor() -> None:
        shutil.copyfile(template, floor_db)

    b.compare("2 floor: stdlib executemany of the same rows",
              [sys.executable, str(HERE / "floor_insert.py"), str(ours_db), str(template),
               str(floor_db)], reference, 0.5, setup_ours=fresh_floor, setup_ref=fresh_ref)


def target_export(b: Bench, big: Path) -> None:
    if not available("export", "contacts"):
        b.notes.append("3 not measured: `export contacts` is not available in this build.")
        return
    reference = [SQLITE_UTILS, "rows", str(big), "people", "--csv"]
    b.compare("3. export contacts --profile csv",
              [STAKEHOLDERS, "--db", str(big), "export", "contacts", "--profile", "csv",
               "-o", str(b.work / "export.csv")], reference, 1.0)
    # Two floors under any export through the data layer, each measured against the same
    # reference: importing SQLAlchemy's ORM and the models, and SQLite itself (the sqlite3
    # shell, no Python) running the export's SELECT. Their sum is the least the target allows.
    b.compare("3 floor: ORM and models import alone",
              [sys.executable, "-c", "import sqlalchemy.orm, stakeholders.models"], reference,
              1.0)
    shell = shutil.which("sqlite3")
    if shell:
        sql = b.work / "export.sql"
        sql.write_text(_export_sql(big))
        b.compare("3 floor: the export's SELECT in the sqlite3 shell",
                  [shell, str(big), f".read {sql}"], reference, 1.0)


def _export_sql(big: Path) -> str:
    """The SELECT that `export contacts` runs, as SQL text with its values inlined."""
    code = (
        "import sys\n"
        "from sqlalchemy.orm import Session\n"
        "from stakeholders.db import make_engine\n"
        "from stakeholders.services.exports import ContactFilter, contacts_statement\n"
        "engine = make_engine(sys.argv[1])\n"
        "with Session(engine) as s:\n"
        "    stmt = contacts_statement(s, ContactFilter())\n"
        "    print(str(stmt.compile(engine, compile_kwargs={'literal_binds': True})) + ';')\n"
    )
    return subprocess.run([sys.executable, "-c", code, f"sqlite:///{big}"], check=True,
                          capture_output=True, text=True).stdout


def target_reports(b: Bench, big: Path, events: int, size: str) -> None:
    if not available("report", "attendees"):
        b.notes.append("4 not measured: `report` is not available in this build.")
        return
    # The reference is the floor: the sqlite3 shell counting the same event's attendance.
    event = str(events // 2)  # one in the middle
    shell = shutil.which("sqlite3")
    count = f"select count(*) from attendances where event_id = {event}"
    ref = [shell, str(big), count] if shell else [SQLITE_UTILS, "query", str(big), count]
    b.compare(f"4a. report attendees ({size})",
              [STAKEHOLDERS, "--db", str(big), "report", "attendees", event], ref,
              max_seconds=1.0)
    b.compare(f"4b. report campaign ({size})",
              [STAKEHOLDERS, "--db", str(big), "report", "campaign", "C1"], ref,
              max_seconds=1.0)


def target_duplicates(b: Bench, big: Path, size: str) -> None:
    if not available("person", "duplicates"):
        b.notes.append("5 not measured: `person duplicates` is not available in this build.")
        return
    shell = shutil.which("sqlite3")
    ref = [shell, str(big), "select count(*) from people group by family_key"]
    b.compare(f"5. person duplicates ({size})",
              [STAKEHOLDERS, "--db", str(big), "person", "duplicates", "--format", "csv"], ref,
              max_seconds=10.0)


def generate(*args: str) -> None:
    """Run bench/generate.py in its own process: a child forked from a parent that had grown
    while generating would report the parent's memory as its own peak (ru_maxrss counts the
    pages a child inherits before exec)."""
    subprocess.run([sys.executable, str(HERE / "generate.py"), *args], check=True)


def write_results(b: Bench, sizes: str) -> None:
    lines = [
        "# Benchmark results",
        "",
        f"Run on {dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}.",
        f"Data: {sizes}. Medians of {b.repeat} alternating runs; ratio = ours / reference "
        "(lower is better).",
        "",
        "| target | ours | reference | ours (s) | ref (s) | ratio | goal | met | peak MiB ours / ref |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in b.results:
        lines.append(
            f"| {r.target} | `{r.ours}` | `{r.reference}` | {r.ours_s:.3f} | {r.ref_s:.3f} | "
            f"{r.ratio:.2f} | {r.goal} | {'yes' if r.met else '**no**'} | "
            f"{r.ours_mib:.0f} / {r.ref_mib:.0f} |")
    lines += [
        "",
        "Rows marked *floor* time, against the same reference, a part of the work no change to",
        "the code can remove: importing SQLAlchemy's ORM and the models, which declare the schema",
        "(under 1b and 3), with SQLite alone running the export's SELECT (under 3: that floor is",
        "the sum of the two); Python's own sqlite3 module inserting the rows the import wrote,",
        "with executemany and no checks (under 2). A floor past its goal means the target cannot",
        "be met with this stack and schema. `import sqlalchemy` alone (Core: no ORM, no models)",
        "is the least any command reading through SQLAlchemy pays.",
    ]
    if b.notes:
        lines += ["", *[f"- {n}" for n in b.notes]]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description="stakeholders performance targets")
    parser.add_argument("--quick", action="store_true", help="a tenth of the data")
    parser.add_argument("--repeat", type=int, default=None)
    parser.add_argument("--only", default="", help="comma-separated target numbers, e.g. 1,3")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    rows, events, people_n, attendances = (100_000 // scale, 1000 // scale,
                                           100_000 // scale, 1_000_000 // scale)
    repeat = args.repeat or (3 if args.quick else 5)
    only = set(args.only.split(",")) if args.only else {"1", "2", "3", "4", "5"}

    with tempfile.TemporaryDirectory(prefix="stakeholders-bench-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "HOME": str(work), "XDG_DATA_HOME": str(work / "data")}
        env.pop("STAKEHOLDERS_DB", None)
        b = Bench(repeat, work, env)
        template = work / "empty.db"
        subprocess.run([STAKEHOLDERS, "--db", str(template), "init"], check=True, env=env,
                       capture_output=True)
        seeded = work / "seeded.db"
        subprocess.run([STAKEHOLDERS, "--db", str(seeded), "init", "--seed"], check=True,
                       env=env, capture_output=True)
        if "1" in only:
            target_startup(b, seeded)
        if "2" in only:
            csv_path = work / "contacts.csv"
            generate("csv", str(csv_path), "--rows", str(rows))
            target_import(b, csv_path, template)
        if only & {"4", "5"}:
            b.calibrate()
        if only & {"3", "4", "5"}:
            big = work / "big.db"
            shutil.copyfile(template, big)
            t0 = time.perf_counter()
            generate("database", f"sqlite:///{big}", "--events", str(events),
                     "--people", str(people_n), "--attendances", str(attendances))
            print(f"generated {big.name} in {time.perf_counter() - t0:.1f}s", flush=True)
            if "3" in only:
                target_export(b, big)
            if "4" in only:
                target_reports(b, big, events, f"{attendances:,} attendances")
            if "5" in only:
                target_duplicates(b, big, f"{people_n:,} people")
        write_results(b, f"{rows:,} contacts; {events:,} events, {people_n:,} people, "
                         f"{attendances:,} attendances")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Fails when a GUI string has no finished translation.

lupdate merges the sources into a copy of each .ts file (the committed files
stay untouched), so a string added to the code without running
`cmake --build . -t update_translations` and translating it is caught too.

usage: check_translations.py LUPDATE SOURCE_DIR TS_DIR WORK_DIR
"""

import pathlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET


def unfinished(ts: pathlib.Path) -> list[str]:
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") == "unfinished":
                found.append(f"{name}: {message.findtext('source')!r}")
    return found


def main() -> int:
    lupdate, sources, ts_dir, work = (pathlib.Path(a) for a in sys.argv[1:5])
    work.mkdir(parents=True, exist_ok=True)
    ts_files = sorted(ts_dir.glob("*.ts"))
    if not ts_files:
        print(f"no .ts files in {ts_dir}")
        return 1
    failed = False
    for ts in ts_files:
        copy = work / ts.name
        shutil.copyfile(ts, copy)
        command = [str(lupdate), str(sources), "-ts", str(copy), "-no-obsolete", "-locations", "none"]
        run = subprocess.run(command, capture_output=True, text=True)
        if run.returncode != 0:
            print(f"lupdate failed on {ts.name}:\n{run.stdout}{run.stderr}")
            return 1
        missing = unfinished(copy)
        if missing:
            failed = True
            print(f"{ts.name}: {len(missing)} string(s) without a finished translation:")
            for line in missing:
                print(f"  {line}")
        else:
            print(f"{ts.name}: every string is translated")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

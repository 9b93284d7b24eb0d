"""Checks the CI workflows under .github/workflows/ without a runner: each must
be valid YAML with the shape GitHub Actions expects (triggers, jobs with a
runner and steps, each step either `uses` or `run`). Nothing here runs them.

    check_workflows.py <repository root>
"""
import glob
import os
import sys

try:
    import yaml
except ImportError:
    sys.exit("check_workflows: python3-yaml is missing (scripts/setup installs it)")


def problems(path):
    with open(path) as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict):
        return ["not a mapping"]
    out = []
    # YAML 1.1 reads the bare key `on` as true.
    if "on" not in doc and True not in doc:
        out.append("no 'on' triggers")
    jobs = doc.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        return out + ["no jobs"]
    for name, job in jobs.items():
        if not isinstance(job, dict):
            out.append(f"job {name}: not a mapping")
            continue
        if "runs-on" not in job:
            out.append(f"job {name}: no runs-on")
        steps = job.get("steps")
        if not isinstance(steps, list) or not steps:
            out.append(f"job {name}: no steps")
            continue
        for i, step in enumerate(steps):
            kinds = [k for k in ("uses", "run") if isinstance(step, dict) and k in step]
            if len(kinds) != 1:
                out.append(f"job {name}, step {i + 1}: needs exactly one of uses/run")
            elif kinds == ["run"] and not str(step["run"]).strip():
                out.append(f"job {name}, step {i + 1}: empty run")
    return out


def main():
    root = sys.argv[1]
    files = sorted(glob.glob(os.path.join(root, ".github", "workflows", "*.yml")))
    if not files:
        sys.exit("check_workflows: no workflow files")
    failed = 0
    for path in files:
        try:
            found = problems(path)
        except yaml.YAMLError as e:
            found = [f"YAML: {e}"]
        for p in found:
            print(f"{os.path.relpath(path, root)}: {p}")
        failed += bool(found)
    print(f"workflows: {len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

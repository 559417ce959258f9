#!/usr/bin/env python3
"""CP-SAT baseline for rueda.schedule-problem/1 files: the general-purpose competitor, measured in the same run.

    pip install ortools
    rueda solve generate --preset required --seed 1 --out /tmp/required.json
    python3 benchmarks/cpsat_baseline.py /tmp/required.json --time-limit 60 --workers 2

Prints the objective, holes, shortfall, meetings and required placed of CP-SAT's best schedule within the limit.
The model is exact for the format: x[e,s] per candidate and allowed slot, per-company per-slot delegates, tables,
meeting limits, required and fixed slots; holes counted as blocks of meetings over each company's available slots.
"""
import argparse
import json
import sys
import time

from ortools.sat.python import cp_model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("problem")
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    problem = json.load(open(args.problem))
    slots = problem["slots"]
    tables = problem.get("tables")
    gap = problem.get("gapPenalty", 0)
    short = problem.get("shortfallPenalty", 0)
    companies = {c["id"]: c for c in problem["companies"]}
    model = cp_model.CpModel()
    x = {}
    by_company_slot = {}
    by_slot = {}
    by_company = {}
    for index, cand in enumerate(problem["candidates"]):
        a, b = cand["buyer"], cand["supplier"]
        allowed = set(companies[a]["available"]) & set(companies[b]["available"])
        if cand.get("slots") is not None:
            allowed &= set(cand["slots"])
        if cand.get("fixedSlot") is not None:
            allowed &= {cand["fixedSlot"]}
        vars_ = []
        for s in sorted(allowed):
            v = model.NewBoolVar(f"x{index}_{s}")
            x[(index, s)] = v
            vars_.append(v)
            for c in (a, b):
                by_company_slot.setdefault((c, s), []).append(v)
                by_company.setdefault(c, []).append(v)
            by_slot.setdefault(s, []).append(v)
        if cand.get("required"):
            model.Add(sum(vars_) == 1) if vars_ else model.AddBoolOr([])
        else:
            model.Add(sum(vars_) <= 1)
    for (c, s), vs in by_company_slot.items():
        model.Add(sum(vs) <= companies[c].get("delegates", 1))
    if tables is not None:
        for s, vs in by_slot.items():
            model.Add(sum(vs) <= tables)
    objective = []
    hole_terms = []
    short_terms = []
    for cid, c in companies.items():
        vs = by_company.get(cid, [])
        # Each meeting uses one slot, so the count of x's is the number of meetings.
        model.Add(sum(vs) <= c["maxMeetings"])
        if short and c.get("minMeetings", 0) > 0:
            sf = model.NewIntVar(0, c["minMeetings"], f"short_{cid}")
            model.Add(sf >= c["minMeetings"] - sum(vs))
            short_terms.append(sf)
        if gap and vs:
            ys = []
            for s in sorted(c["available"]):
                y = model.NewBoolVar(f"y_{cid}_{s}")
                cs = by_company_slot.get((cid, s), [])
                for v in cs:
                    model.AddImplication(v, y)
                model.Add(sum(cs) >= y) if cs else model.Add(y == 0)
                ys.append(y)
            starts = []
            previous = None
            for y in ys:
                st = model.NewBoolVar("")
                if previous is None:
                    model.Add(st >= y)
                else:
                    model.Add(st >= y - previous)
                starts.append(st)
                previous = y
            has = model.NewBoolVar("")
            model.Add(has <= sum(ys))
            holes = model.NewIntVar(0, len(ys), f"holes_{cid}")
            model.Add(holes >= sum(starts) - has)
            hole_terms.append(holes)
    weights = [cand["weight"] * x[(i, s)] for (i, s) in x for cand in [problem["candidates"][i]]]
    model.Maximize(sum(weights) - gap * sum(hole_terms) - short * sum(short_terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = args.time_limit
    solver.parameters.num_workers = args.workers
    started = time.time()
    status = solver.Solve(model)
    elapsed = time.time() - started
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        print(f"cp-sat: no schedule found in {elapsed:.1f} s (status {solver.StatusName(status)})")
        return 1
    meetings = sum(1 for v in x.values() if solver.Value(v))
    required = sum(1 for i, cand in enumerate(problem["candidates"]) if cand.get("required"))
    placed = sum(
        1 for (i, s), v in x.items() if problem["candidates"][i].get("required") and solver.Value(v))
    print(
        f"cp-sat: {solver.StatusName(status).lower()}, objective {int(solver.ObjectiveValue())}, "
        f"bound {int(solver.BestObjectiveBound())}, meetings {meetings}, "
        f"holes {sum(solver.Value(h) for h in hole_terms)}, shortfall {sum(solver.Value(t) for t in short_terms)}, "
        f"required {placed}/{required}, {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Capacity planner CLI: Helpers needed online, checked by simulating the routing policy.

One hour's demand:
    python -m bench.capacity --arrivals-per-hour 130 --mean-minutes 7 --capacity 2 \\
        --target-seconds 10 --target-share 0.95
The documented scenarios, and the worked example at the reference scale (rewrites the
`capacity` section of docs/benchmarks.md):
    python -m bench.capacity --scenarios [--no-write]
"""

from __future__ import annotations

import argparse
import math
import time
from dataclasses import dataclass

from bench.report import machine, write_section
from chalicelib.domain.capacity.offers import ReactionModel
from chalicelib.domain.capacity.planner import CapacityPlanner, Demand, Plan, Target
from chalicelib.domain.capacity.simulation import Scenario, SimulationResult, simulate
from chalicelib.domain.chat.routing import WavePolicy
from chalicelib.settings import Settings

# Planner and simulation must agree on the share picked up within the target to this much.
TOLERANCE = 0.03

# Share of a day's requests arriving in each hour (0 h to 23 h): quiet nights, a lunch bump,
# the evening peak when members plan and travel. An assumption, to be replaced by the real
# hourly profile once `GET /metrics/summary` has a few weeks of data.
DAILY_PROFILE = (
    10,
    6,
    4,
    3,
    3,
    5,
    15,
    35,
    50,
    55,
    55,
    58,
    60,
    58,
    55,
    55,
    60,
    70,
    80,
    80,
    70,
    55,
    35,
    18,
)


@dataclass(frozen=True)
class Check:
    """The planner's prediction and the simulation's measurement for a number of Helpers."""

    helpers: int
    predicted: float
    result: SimulationResult
    target_seconds: float

    @property
    def measured(self) -> float:
        """Simulated share within the target."""
        return self.result.share_within(self.target_seconds)

    @property
    def gap(self) -> float:
        """Simulated minus predicted."""
        return self.measured - self.predicted


def models(args: argparse.Namespace) -> tuple[ReactionModel, WavePolicy]:
    """The reaction model and wave policy from the command line."""
    reaction = ReactionModel(args.reaction_median, args.reaction_sigma, args.accept_probability)
    waves = WavePolicy(first=args.wave_size, growth=args.wave_growth,
                       timeout_seconds=args.wave_timeout, max_waves=args.max_waves)
    return reaction, waves


def check(
    plan: Plan,
    planner: CapacityPlanner,
    requests: int,
    seed: int,
    spread: int = 1,
) -> list[Check]:
    """Simulate the planned number of Helpers and its neighbours."""
    checks = []
    demand, target = plan.demand, plan.target
    hours = requests / demand.arrivals_per_hour
    for helpers in range(plan.helpers - spread, plan.helpers + spread + 1):
        if helpers * plan.capacity <= demand.load:
            continue
        assessment = planner.assess(helpers, plan.capacity, demand, target)
        scenario = Scenario(
            demand.arrivals_per_hour,
            demand.mean_minutes,
            helpers,
            plan.capacity,
            hours=hours,
            warmup_hours=min(1.0, hours / 10),
            seed=seed,
        )
        result = simulate(scenario, planner.reaction, planner.waves, (target.seconds, 30.0))
        checks.append(Check(helpers, assessment.share_within, result, target.seconds))
    return checks


def check_rows(checks: list[Check], target: Target) -> str:
    """Markdown rows of a check table."""
    rows = []
    for c in checks:
        r = c.result
        verdict = "ok" if abs(c.gap) <= TOLERANCE else "**outside**"
        meets = "yes" if c.measured >= target.share else "no"
        ci = r.halfwidth(target.seconds)
        rows.append(
            f"| {c.helpers} | {c.predicted:.3f} | {c.measured:.3f} ± {ci:.3f}"
            f" | {c.gap:+.3f} {verdict} | {meets} | {r.pickup_p50:.1f} / {r.pickup_p95:.1f} | "
            f"{r.escalated_share:.3f} | {r.offers_per_request:.1f} | {r.requests} |"
        )
    return "\n".join(rows)


TABLE_HEAD = (
    "| Helpers online | planner share ≤ T | simulated share ≤ T (95 % CI) | gap | meets target | "
    "sim pickup p50 / p95 s | escalated | offers per request | simulated requests |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def single(args: argparse.Namespace) -> None:
    """Plan one hour and check it."""
    reaction, waves = models(args)
    planner = CapacityPlanner(reaction, waves)
    demand = Demand(args.arrivals_per_hour, args.mean_minutes)
    target = Target(args.target_seconds, args.target_share)
    plan = planner.plan(demand, args.capacity, target)
    print(
        f"load {demand.load:.2f} Erlangs; reaction ceiling {plan.ceiling_share:.4f} "
        f"(share reachable with every slot free)"
    )
    if not plan.feasible:
        print("infeasible: Helpers' reaction times alone miss the target")
        return
    print(f"Helpers needed online: {plan.helpers} ({plan.helpers * args.capacity} slots)")
    for a in plan.assessments:
        print(
            f"  {a.helpers:4d} Helpers: share {a.share_within:.4f}, P(no free slot) "
            f"{a.prob_wait:.4f}, utilisation {a.utilisation:.3f}"
        )
    started = time.perf_counter()
    checks = check(plan, planner, args.sim_requests, args.seed)
    print(f"simulation ({time.perf_counter() - started:.1f} s):")
    print(TABLE_HEAD)
    print(check_rows(checks, target))


SCENARIOS = (
    ("quiet hour", 30.0),
    ("reference peak hour", None),  # derived from the monthly volume below
    ("busy day peak", 300.0),
    ("ten times the reference", 1000.0),
)


def reference_peak(monthly: float, busiest_day_factor: float) -> float:
    """Arrivals in the busiest hour of the busiest day of a month."""
    per_day = monthly / 30 * busiest_day_factor
    return per_day * max(DAILY_PROFILE) / sum(DAILY_PROFILE)


def helper_hours_per_week(
    planner: CapacityPlanner, monthly: float, mean_minutes: float, capacity: int, target: Target
) -> tuple[int, list[int]]:
    """Sum over a week of the Helpers needed each hour (an average day, every day)."""
    per_day = monthly / 30
    needed = []
    for share in DAILY_PROFILE:
        arrivals = per_day * share / sum(DAILY_PROFILE)
        plan = planner.plan(Demand(max(arrivals, 0.1), mean_minutes), capacity, target)
        needed.append(plan.helpers or 0)
    return 7 * sum(needed), needed


def scenarios(args: argparse.Namespace) -> None:
    """Run the documented scenarios and the worked example; print and record."""
    reaction, waves = models(args)
    planner = CapacityPlanner(reaction, waves)
    target = Target(args.target_seconds, args.target_share)
    peak = reference_peak(args.monthly_requests, args.busiest_day_factor)
    sections, worst = [], 0.0
    started = time.perf_counter()
    for name, arrivals in SCENARIOS:
        arrivals = arrivals or round(peak)
        demand = Demand(arrivals, args.mean_minutes)
        plan = planner.plan(demand, args.capacity, target)
        checks = check(plan, planner, args.sim_requests, args.seed)
        worst = max([worst] + [abs(c.gap) for c in checks])
        sections.append(
            f"**{name}**: {arrivals:g} requests/hour, {args.mean_minutes:g} min, capacity "
            f"{args.capacity}, load {demand.load:.1f} Erlangs → planner: **{plan.helpers} "
            f"Helpers online**.\n\n{TABLE_HEAD}\n{check_rows(checks, target)}"
        )
        print(sections[-1], "\n", flush=True)
    elapsed = time.perf_counter() - started
    week_hours, by_hour = helper_hours_per_week(
        planner, args.monthly_requests, args.mean_minutes, args.capacity, target
    )
    per_helper = week_hours / args.programme_helpers
    # Helpers are offered requests of their language only: two pools, each with its floor.
    split_hours = sum(
        helper_hours_per_week(
            planner, args.monthly_requests * share, args.mean_minutes, args.capacity, target
        )[0]
        for share in (args.french_share, 1 - args.french_share)
    )
    hours_row = " | ".join(str(h) for h in range(24))
    needed_row = " | ".join(map(str, by_hour))
    verdict = "within" if worst <= TOLERANCE else "**outside**"
    markdown = f"""## Capacity planner vs simulation of the routing policy

`python -m bench.capacity --scenarios --sim-requests {args.sim_requests}` — {machine()};
{elapsed:.0f} s of simulation.
Target: {target.share:.0%} of requests picked up within {target.seconds:g} s. Helpers accept
{reaction.accept_probability:.0%} of offers, after a log-normal delay (median
{reaction.median_seconds:g} s, σ {reaction.sigma:g}); waves of {waves.first} then +{waves.growth}
every {waves.timeout_seconds:g} s, {waves.max_waves} waves; conversations exponential; seed
{args.seed}; about {args.sim_requests:,} simulated requests per row. Tolerance: planner and
simulation within ±{TOLERANCE:.2f} on the share; worst gap here {worst:.3f}, {verdict} it.

{chr(10).join(s + chr(10) for s in sections)}
**Worked example at the reference scale** ({args.monthly_requests:,.0f} help requests a month,
{args.programme_helpers} Helpers in the programme). The busiest hour (busiest day
{args.busiest_day_factor:g}× the mean day, the hourly profile of `bench/capacity.py`) brings
{peak:.0f} requests: see "reference peak hour" above. An average day needs, hour by hour:

| hour | {hours_row} |
|{"---|" * 25}
| Helpers online | {needed_row} |

That is {week_hours} Helper-hours a week: {per_helper:.1f} h a week for each of the
{args.programme_helpers} Helpers ({per_helper / 7 * 60:.0f} min a day). With separate French
({args.french_share:.0%}) and English pools, each with its own night-time floor:
{split_hours} Helper-hours a week ({split_hours / args.programme_helpers:.1f} h per Helper).
"""
    print(markdown)
    if not args.no_write:
        write_section("capacity", markdown)


def main() -> None:
    """Parse and run."""
    defaults = Settings()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--arrivals-per-hour", type=float, default=130.0)
    parser.add_argument("--mean-minutes", type=float, default=7.0)
    parser.add_argument("--capacity", type=int, default=defaults.helper_capacity_default)
    parser.add_argument("--target-seconds", type=float, default=10.0)
    parser.add_argument("--target-share", type=float, default=0.95)
    parser.add_argument("--reaction-median", type=float, default=ReactionModel.median_seconds)
    parser.add_argument("--reaction-sigma", type=float, default=ReactionModel.sigma)
    parser.add_argument(
        "--accept-probability", type=float, default=ReactionModel.accept_probability
    )
    parser.add_argument("--wave-size", type=int, default=defaults.wave_size)
    parser.add_argument("--wave-growth", type=int, default=defaults.wave_growth)
    parser.add_argument("--wave-timeout", type=int, default=defaults.wave_timeout_seconds)
    parser.add_argument("--max-waves", type=int, default=defaults.max_waves)
    parser.add_argument("--sim-requests", type=int, default=40_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scenarios", action="store_true", help="documented scenarios")
    parser.add_argument("--monthly-requests", type=float, default=40_000)
    parser.add_argument("--busiest-day-factor", type=float, default=1.3)
    parser.add_argument("--programme-helpers", type=int, default=500)
    parser.add_argument("--french-share", type=float, default=0.85)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if not math.isfinite(args.arrivals_per_hour) or args.sim_requests < 1000:
        parser.error("arrivals must be finite and --sim-requests at least 1000")
    (scenarios if args.scenarios else single)(args)


if __name__ == "__main__":
    main()

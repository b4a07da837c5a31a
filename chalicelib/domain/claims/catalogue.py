"""The claims catalogue: problem types, their decision trees and outcome rules, loaded from data."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from chalicelib.domain.errors import BadInput

LANGUAGES = ("fr", "en")
SIDES = ("passenger", "driver")
QUESTION_TYPES = ("choice", "boolean", "number", "text")
PAYMENT_HOLD = ("never", "on_request", "always")
MARKS = ("no_show", "late_cancellation", "asked_to_cancel")
# Short labels go into SMS next to other text: the SMS test budgets this many characters for them.
SHORT_LABEL_MAX = 40
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

Answer = str | bool | int | float
Answers = Mapping[str, Answer]


class CatalogueError(ValueError):
    """The catalogue data is inconsistent; the message lists every problem found."""


@dataclass(frozen=True)
class Text:
    """A text in every supported language."""

    fr: str
    en: str

    def get(self, lang: str) -> str:
        """The text in `lang`, French when the language is unknown."""
        return self.en if lang == "en" else self.fr

    @classmethod
    def parse(cls, raw: Any) -> Text:
        """Read a {"fr": ..., "en": ...} mapping (missing languages become empty strings)."""
        raw = raw if isinstance(raw, dict) else {}
        return cls(fr=str(raw.get("fr") or ""), en=str(raw.get("en") or ""))

    def complete(self) -> bool:
        """Whether every language has a non-blank text."""
        return bool(self.fr.strip()) and bool(self.en.strip())


# Conditions: a tiny boolean language over answers, so the decision tree stays data.


@dataclass(frozen=True)
class Compare:
    """One comparison of an answer: equals, in, at_least or below."""

    question: str
    op: str
    value: Any

    def holds(self, answers: Answers) -> bool:
        """Whether the answer satisfies the comparison; an unanswered question never does."""
        if self.question not in answers:
            return False
        got = answers[self.question]
        if self.op == "equals":
            return type(got) is type(self.value) and got == self.value
        if self.op == "in":
            return got in self.value
        if isinstance(got, bool) or not isinstance(got, int | float):
            return False
        # Loading the catalogue checks that at_least and below compare with a number.
        bound: float = self.value
        return got >= bound if self.op == "at_least" else got < bound

    def questions(self) -> set[str]:
        """The question ids the condition reads."""
        return {self.question}

    def to_json(self) -> dict[str, Any]:
        """The data form, as in the catalogue file."""
        return {"question": self.question, self.op: self.value}


@dataclass(frozen=True)
class Junction:
    """Every inner condition holds (`all`), or at least one does (`any`)."""

    kind: str
    items: tuple[Condition, ...]

    def holds(self, answers: Answers) -> bool:
        """Whether the inner conditions hold together."""
        test = all if self.kind == "all" else any
        return test(c.holds(answers) for c in self.items)

    def questions(self) -> set[str]:
        """The question ids the condition reads."""
        return set().union(*(c.questions() for c in self.items))

    def to_json(self) -> dict[str, Any]:
        """The data form, as in the catalogue file."""
        return {self.kind: [c.to_json() for c in self.items]}


@dataclass(frozen=True)
class Not:
    """The inner condition does not hold."""

    item: Condition

    def holds(self, answers: Answers) -> bool:
        """Whether the inner condition fails."""
        return not self.item.holds(answers)

    def questions(self) -> set[str]:
        """The question ids the condition reads."""
        return self.item.questions()

    def to_json(self) -> dict[str, Any]:
        """The data form, as in the catalogue file."""
        return {"not": self.item.to_json()}


Condition = Compare | Junction | Not
_COMPARE_OPS = ("equals", "in", "at_least", "below")


def parse_condition(raw: Any) -> Condition:
    """Read a condition from its data form."""
    if not isinstance(raw, dict) or len(raw) not in (1, 2):
        raise CatalogueError(f"bad condition: {raw!r}")
    for kind in ("all", "any"):
        if kind in raw:
            items = raw[kind]
            if not isinstance(items, list) or not items:
                raise CatalogueError(f"empty {kind} condition: {raw!r}")
            return Junction(kind, tuple(parse_condition(i) for i in items))
    if "not" in raw:
        return Not(parse_condition(raw["not"]))
    ops = [op for op in _COMPARE_OPS if op in raw]
    if "question" not in raw or len(ops) != 1:
        raise CatalogueError(f"bad comparison: {raw!r}")
    value = raw[ops[0]]
    if ops[0] == "in":
        value = tuple(value)
    return Compare(question=str(raw["question"]), op=ops[0], value=value)


# The catalogue model.


@dataclass(frozen=True)
class Option:
    """One answer of a choice question."""

    id: str
    label: Text


@dataclass(frozen=True)
class Question:
    """One follow-up question, asked only when its condition holds for the earlier answers."""

    id: str
    type: str
    text: Text
    options: tuple[Option, ...] = ()
    when: Condition | None = None
    required: bool = True
    min: float | None = None
    max: float | None = None
    unit: str = ""
    max_length: int = 300

    def asked(self, answers: Answers) -> bool:
        """Whether the question applies given the answers so far."""
        return self.when is None or self.when.holds(answers)

    def option_ids(self) -> tuple[str, ...]:
        """The ids of the options, in order."""
        return tuple(o.id for o in self.options)

    def normalise(self, value: object) -> Answer:
        """Check one answer against the question's type and bounds; return it cleaned."""
        if self.type == "choice":
            if not isinstance(value, str) or value not in self.option_ids():
                raise BadInput(f"answer to {self.id} must be one of its options",
                               code="bad_answer", question=self.id)
            return value
        if self.type == "boolean":
            if not isinstance(value, bool):
                raise BadInput(f"answer to {self.id} must be true or false",
                               code="bad_answer", question=self.id)
            return value
        if self.type == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise BadInput(f"answer to {self.id} must be a number",
                               code="bad_answer", question=self.id)
            if value != value or (self.min is not None and value < self.min) or (
                self.max is not None and value > self.max
            ):
                raise BadInput(f"answer to {self.id} is out of range",
                               code="bad_answer", question=self.id)
            return value
        if not isinstance(value, str) or not value.strip() or len(value) > self.max_length:
            raise BadInput(f"answer to {self.id} must be 1 to {self.max_length} characters",
                           code="bad_answer", question=self.id)
        return value.strip()

    def to_json(self, lang: str) -> dict[str, Any]:
        """The served form of the question in one language."""
        out: dict[str, Any] = {"id": self.id, "text": self.text.get(lang), "type": self.type,
                               "required": self.required}
        if self.type == "choice":
            out["options"] = [{"id": o.id, "label": o.label.get(lang)} for o in self.options]
        if self.type == "number":
            out.update({"min": self.min, "max": self.max, "unit": self.unit})
        if self.type == "text":
            out["max_length"] = self.max_length
        if self.when is not None:
            out["when"] = self.when.to_json()
        return out


@dataclass(frozen=True)
class ChargeSpec:
    """Money asked from the counterpart: taken from a number answer, capped per problem type."""

    question: str
    cap_eur: int


@dataclass(frozen=True)
class OutcomeSpec:
    """What one branch does: settle with a resolution, or hand the claim to an agent."""

    resolution: str | None = None
    agent_reason: str | None = None
    mark: str | None = None
    charge: ChargeSpec | None = None

    @property
    def to_agent(self) -> bool:
        """Whether this branch goes to a human."""
        return self.resolution is None

    @classmethod
    def parse(cls, raw: Any) -> OutcomeSpec:
        """Read {"agent": reason} or {"resolution": id, "mark"?, "charge"?}."""
        if not isinstance(raw, dict):
            raise CatalogueError(f"bad outcome: {raw!r}")
        if "agent" in raw:
            return cls(agent_reason=str(raw["agent"]))
        charge = raw.get("charge")
        return cls(
            resolution=str(raw.get("resolution") or ""),
            mark=raw.get("mark"),
            charge=ChargeSpec(str(charge["question"]), int(charge["cap_eur"])) if charge else None,
        )


@dataclass(frozen=True)
class Rule:
    """A leaf of the decision tree: when it applies, whether the counterpart is asked, outcomes."""

    when: Condition | None
    counterpart: bool
    outcomes: Mapping[str, OutcomeSpec]

    def branches(self) -> tuple[str, ...]:
        """The branches this leaf can end in."""
        return ("confirm", "dispute", "silence") if self.counterpart else ("direct",)


@dataclass(frozen=True)
class Resolution:
    """A named settlement: what happens to the booking money and to the parties."""

    id: str
    label: Text
    short_label: Text
    refund_percent: int | None = None
    include_fee: bool = False
    no_penalty: tuple[str, ...] = ()
    cancellation_notice: bool = False
    charge: bool = False
    gesture: str | None = None
    agent_selectable: bool = True
    auto_selectable: bool = True

    @property
    def moves_booking_money(self) -> bool:
        """Whether the resolution decides how the booking's contribution is split."""
        return self.refund_percent is not None

    def to_json(self, lang: str) -> dict[str, Any]:
        """The served form, for agents choosing an outcome."""
        return {"id": self.id, "label": self.label.get(lang)}


@dataclass(frozen=True)
class ProblemType:
    """One entry of the drop-down: its questions, windows and outcome rules."""

    id: str
    side: str
    label: Text
    short_label: Text
    report_from_hours: int
    report_until_hours: int
    counterpart_window_hours: int
    payment_hold: str
    automated: bool
    questions: tuple[Question, ...]
    rules: tuple[Rule, ...]
    requires_booking_status: str | None = None
    urgent: bool = False

    def question(self, question_id: str) -> Question | None:
        """The question with this id, if any."""
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def may_ask_counterpart(self) -> bool:
        """Whether any leaf asks the other party to confirm."""
        return any(r.counterpart for r in self.rules)

    def validate_answers(self, answers: Any) -> dict[str, Answer]:
        """Check answers against the tree: every asked question answered, nothing else."""
        if not isinstance(answers, dict):
            raise BadInput("answers must be an object", code="bad_answers")
        known = {q.id for q in self.questions}
        unknown = sorted(set(answers) - known)
        if unknown:
            raise BadInput("unknown questions in answers", code="unknown_question",
                           questions=unknown)
        clean: dict[str, Answer] = {}
        for q in self.questions:
            present = q.id in answers and answers[q.id] is not None
            if not q.asked(clean):
                if present:
                    raise BadInput(f"question {q.id} does not apply to these answers",
                                   code="unexpected_answer", question=q.id)
                continue
            if not present:
                if q.required:
                    raise BadInput(f"question {q.id} needs an answer",
                                   code="missing_answer", question=q.id)
                continue
            clean[q.id] = q.normalise(answers[q.id])
        return clean

    def rule_for(self, answers: Answers) -> Rule:
        """The first leaf whose condition holds (the last leaf has none, so one always does)."""
        for rule in self.rules:
            if rule.when is None or rule.when.holds(answers):
                return rule
        raise CatalogueError(f"{self.id}: no rule matches")  # validation makes this unreachable

    def answer_paths(self) -> Iterator[dict[str, Answer]]:
        """Every distinct way through the questions (numbers at their bounds and thresholds)."""
        yield from self._paths(0, {})

    def _paths(self, index: int, answers: dict[str, Answer]) -> Iterator[dict[str, Answer]]:
        if index == len(self.questions):
            yield dict(answers)
            return
        q = self.questions[index]
        if not q.asked(answers):
            yield from self._paths(index + 1, answers)
            return
        candidates: list[Answer | None] = list(self._candidates(q))
        if not q.required:
            candidates.append(None)
        for value in candidates:
            nxt = dict(answers)
            if value is not None:
                nxt[q.id] = value
            yield from self._paths(index + 1, nxt)

    def _candidates(self, q: Question) -> Iterator[Answer]:
        if q.type == "choice":
            yield from q.option_ids()
        elif q.type == "boolean":
            yield from (True, False)
        elif q.type == "text":
            yield "x"
        else:
            points = {q.min, q.max}
            for c in self._comparisons():
                if c.question == q.id and c.op in ("at_least", "below"):
                    points.update({c.value, c.value - 1})
            lo = q.min if q.min is not None else float("-inf")
            hi = q.max if q.max is not None else float("inf")
            yield from sorted(p for p in points if p is not None and lo <= p <= hi)

    def _comparisons(self) -> Iterator[Compare]:
        conds = [r.when for r in self.rules] + [q.when for q in self.questions]
        stack = [c for c in conds if c is not None]
        while stack:
            c = stack.pop()
            if isinstance(c, Compare):
                yield c
            elif isinstance(c, Not):
                stack.append(c.item)
            else:
                stack.extend(c.items)

    def to_json(self, lang: str) -> dict[str, Any]:
        """The served form of the problem type in one language (PROTOCOL "Catalogue")."""
        return {
            "id": self.id,
            "side": self.side,
            "label": self.label.get(lang),
            "questions": [q.to_json(lang) for q in self.questions],
            "counterpart_may_confirm": self.may_ask_counterpart,
            "counterpart_window_hours": self.counterpart_window_hours if self.may_ask_counterpart
            else None,
            "payment_hold": self.payment_hold,
            "automated": self.automated,
            "urgent": self.urgent,
            "report_window_hours": {"from": self.report_from_hours,
                                    "until": self.report_until_hours},
        }


@dataclass(frozen=True)
class Catalogue:
    """Every problem type and resolution, validated at load."""

    version: int
    currency: str
    problems: tuple[ProblemType, ...]
    resolutions: Mapping[str, Resolution] = field(default_factory=dict)

    def problem(self, problem_id: str) -> ProblemType:
        """The problem type with this id, or BadInput."""
        for p in self.problems:
            if p.id == problem_id:
                return p
        raise BadInput(f"unknown problem type {problem_id!r}", code="unknown_problem")

    def resolution(self, resolution_id: str) -> Resolution:
        """The resolution with this id, or BadInput."""
        try:
            return self.resolutions[resolution_id]
        except KeyError:
            raise BadInput(f"unknown outcome {resolution_id!r}", code="unknown_outcome") from None

    def to_json(self, lang: str) -> dict[str, Any]:
        """The catalogue as served by GET /claims/catalog?lang=."""
        lang = lang if lang in LANGUAGES else "fr"
        return {
            "version": self.version,
            "lang": lang,
            "problems": [p.to_json(lang) for p in self.problems],
            "outcomes": [r.to_json(lang) for r in self.resolutions.values() if r.agent_selectable],
        }


def _parse_question(raw: dict[str, Any]) -> Question:
    return Question(
        id=str(raw.get("id", "")),
        type=str(raw.get("type", "")),
        text=Text.parse(raw.get("text")),
        options=tuple(Option(str(o.get("id", "")), Text.parse(o.get("label")))
                      for o in raw.get("options", [])),
        when=parse_condition(raw["when"]) if "when" in raw else None,
        required=bool(raw.get("required", True)),
        min=raw.get("min"),
        max=raw.get("max"),
        unit=str(raw.get("unit", "")),
        max_length=int(raw.get("max_length", 300)),
    )


def _parse_rule(raw: dict[str, Any]) -> Rule:
    counterpart = bool(raw.get("counterpart"))
    names = ("confirm", "dispute", "silence") if counterpart else ("direct",)
    missing = [n for n in names if n not in raw]
    if missing:
        raise CatalogueError(f"rule lacks outcomes {missing}: {raw!r}")
    return Rule(
        when=parse_condition(raw["when"]) if "when" in raw else None,
        counterpart=counterpart,
        outcomes={n: OutcomeSpec.parse(raw[n]) for n in names},
    )


def _parse_problem(raw: dict[str, Any]) -> ProblemType:
    window = raw.get("report_window_hours") or {}
    return ProblemType(
        id=str(raw.get("id", "")),
        side=str(raw.get("side", "")),
        label=Text.parse(raw.get("label")),
        short_label=Text.parse(raw.get("short_label")),
        report_from_hours=int(window.get("from", 0)),
        report_until_hours=int(window.get("until", 0)),
        counterpart_window_hours=int(raw.get("counterpart_window_hours", 72)),
        payment_hold=str(raw.get("payment_hold", "never")),
        automated=bool(raw.get("automated", True)),
        questions=tuple(_parse_question(q) for q in raw.get("questions", [])),
        rules=tuple(_parse_rule(r) for r in raw.get("rules", [])),
        requires_booking_status=raw.get("requires_booking_status"),
        urgent=bool(raw.get("urgent", False)),
    )


def _parse_resolution(rid: str, raw: dict[str, Any]) -> Resolution:
    return Resolution(
        id=rid,
        label=Text.parse(raw.get("label")),
        short_label=Text.parse(raw.get("short_label")),
        refund_percent=raw.get("refund_percent"),
        include_fee=bool(raw.get("include_fee", False)),
        no_penalty=tuple(raw.get("no_penalty", ())),
        cancellation_notice=bool(raw.get("cancellation_notice", False)),
        charge=bool(raw.get("charge", False)),
        gesture=raw.get("gesture"),
        agent_selectable=bool(raw.get("agent_selectable", True)),
        auto_selectable=bool(raw.get("auto_selectable", True)),
    )


def parse_catalogue(raw: dict[str, Any]) -> Catalogue:
    """Build and validate a catalogue from its data form; raise CatalogueError on any problem."""
    try:
        catalogue = Catalogue(
            version=int(raw.get("version", 0)),
            currency=str(raw.get("currency", "")),
            problems=tuple(_parse_problem(p) for p in raw.get("problems", [])),
            resolutions={k: _parse_resolution(k, v) for k, v in raw.get("resolutions", {}).items()},
        )
    except (TypeError, KeyError, AttributeError) as e:
        raise CatalogueError(f"malformed catalogue: {e}") from e
    errors = validate_catalogue(catalogue)
    if errors:
        raise CatalogueError("; ".join(errors))
    return catalogue


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The catalogue shipped in the package (read once per process)."""
    text = resources.files(__package__).joinpath("catalogue.json").read_text(encoding="utf-8")
    return parse_catalogue(json.loads(text))


# Validation: everything a reviewer would otherwise have to check by eye.


def validate_catalogue(cat: Catalogue) -> list[str]:
    """Every inconsistency in the catalogue, as readable sentences (empty when valid)."""
    errors: list[str] = []
    if cat.currency != "EUR":
        errors.append("currency must be EUR (amounts are integer euro cents)")
    for rid, res in cat.resolutions.items():
        errors += _resolution_errors(rid, res)
    seen: set[str] = set()
    for p in cat.problems:
        if p.id in seen:
            errors.append(f"duplicate problem id {p.id}")
        seen.add(p.id)
        errors += _problem_errors(p, cat)
    return errors


def _resolution_errors(rid: str, res: Resolution) -> list[str]:
    errors = []
    if not _ID.match(rid):
        errors.append(f"resolution id {rid!r} is not snake_case")
    if not res.label.complete() or not res.short_label.complete():
        errors.append(f"resolution {rid}: label and short_label need fr and en")
    if any(len(t) > SHORT_LABEL_MAX for t in (res.short_label.fr, res.short_label.en)):
        errors.append(f"resolution {rid}: short_label over {SHORT_LABEL_MAX} characters")
    if res.refund_percent is not None and not 0 <= res.refund_percent <= 100:
        errors.append(f"resolution {rid}: refund_percent must be 0..100")
    if any(side not in SIDES for side in res.no_penalty):
        errors.append(f"resolution {rid}: no_penalty lists an unknown side")
    if res.gesture not in (None, "auto"):
        errors.append(f"resolution {rid}: gesture must be 'auto' when set")
    return errors


def _problem_errors(p: ProblemType, cat: Catalogue) -> list[str]:
    errors: list[str] = []
    where = f"problem {p.id}"
    if not _ID.match(p.id):
        errors.append(f"{where}: id is not snake_case")
    if p.side not in SIDES:
        errors.append(f"{where}: side must be one of {SIDES}")
    if not p.label.complete() or not p.short_label.complete():
        errors.append(f"{where}: label and short_label need fr and en")
    if any(len(t) > SHORT_LABEL_MAX for t in (p.short_label.fr, p.short_label.en)):
        errors.append(f"{where}: short_label over {SHORT_LABEL_MAX} characters")
    if p.report_from_hours >= p.report_until_hours:
        errors.append(f"{where}: empty reporting window")
    if p.payment_hold not in PAYMENT_HOLD:
        errors.append(f"{where}: payment_hold must be one of {PAYMENT_HOLD}")
    if p.may_ask_counterpart and p.counterpart_window_hours <= 0:
        errors.append(f"{where}: counterpart window must be positive")
    errors += _question_errors(p)
    errors += _rule_errors(p, cat)
    if not errors:
        errors += _path_errors(p)
    return errors


def _question_errors(p: ProblemType) -> list[str]:
    errors: list[str] = []
    earlier: dict[str, Question] = {}
    for q in p.questions:
        where = f"problem {p.id} question {q.id}"
        if not _ID.match(q.id) or q.id in earlier:
            errors.append(f"{where}: id missing, not snake_case or duplicated")
        if q.type not in QUESTION_TYPES:
            errors.append(f"{where}: type must be one of {QUESTION_TYPES}")
        if not q.text.complete():
            errors.append(f"{where}: text needs fr and en")
        if q.type == "choice":
            ids = q.option_ids()
            if len(ids) < 2 or len(set(ids)) != len(ids) or not all(_ID.match(i) for i in ids):
                errors.append(f"{where}: needs two or more unique snake_case options")
            if not all(o.label.complete() for o in q.options):
                errors.append(f"{where}: every option label needs fr and en")
        elif q.options:
            errors.append(f"{where}: only choice questions have options")
        if q.type == "number" and (q.min is None or q.max is None or q.min > q.max):
            errors.append(f"{where}: number questions need min <= max")
        if q.when is not None:
            errors += _condition_errors(q.when, earlier, where)
        earlier[q.id] = q
    return errors


def _condition_errors(cond: Condition, known: Mapping[str, Question], where: str) -> list[str]:
    errors: list[str] = []
    if isinstance(cond, Not):
        return _condition_errors(cond.item, known, where)
    if isinstance(cond, Junction):
        for c in cond.items:
            errors += _condition_errors(c, known, where)
        return errors
    q = known.get(cond.question)
    if q is None:
        return [f"{where}: condition reads {cond.question!r}, which is not an earlier question"]
    values = cond.value if cond.op == "in" else (cond.value,)
    if cond.op in ("equals", "in"):
        if q.type == "choice" and not all(v in q.option_ids() for v in values):
            errors.append(f"{where}: condition uses an option {cond.question} does not have")
        if q.type == "boolean" and not all(isinstance(v, bool) for v in values):
            errors.append(f"{where}: condition on boolean {cond.question} needs true/false")
        if q.type in ("number", "text"):
            errors.append(f"{where}: use at_least/below on {cond.question}, not equals/in")
    elif q.type != "number" or isinstance(cond.value, bool) or not isinstance(
        cond.value, int | float
    ):
        errors.append(f"{where}: at_least/below need a number question and a number")
    return errors


def _rule_errors(p: ProblemType, cat: Catalogue) -> list[str]:
    errors: list[str] = []
    where = f"problem {p.id}"
    if not p.rules or p.rules[-1].when is not None:
        errors.append(f"{where}: the last rule must have no condition (the default leaf)")
    questions = {q.id: q for q in p.questions}
    for i, rule in enumerate(p.rules):
        rwhere = f"{where} rule {i + 1}"
        if rule.when is not None:
            errors += _condition_errors(rule.when, questions, rwhere)
        if not p.automated and (rule.counterpart or any(
            not o.to_agent for o in rule.outcomes.values()
        )):
            errors.append(f"{rwhere}: a never-automated type goes straight to agents")
        for branch, spec in rule.outcomes.items():
            errors += _outcome_errors(spec, branch, rule, questions, cat, f"{rwhere} {branch}")
    return errors


def _outcome_errors(spec: OutcomeSpec, branch: str, rule: Rule, questions: Mapping[str, Question],
                    cat: Catalogue, where: str) -> list[str]:
    if spec.to_agent:
        return [] if spec.agent_reason and _ID.match(spec.agent_reason) else [
            f"{where}: agent reason must be snake_case"]
    res = cat.resolutions.get(spec.resolution or "")
    if res is None:
        return [f"{where}: unknown resolution {spec.resolution!r}"]
    errors = []
    if not res.auto_selectable:
        errors.append(f"{where}: {res.id} is for agents only")
    if spec.mark is not None and spec.mark not in MARKS:
        errors.append(f"{where}: mark must be one of {MARKS}")
    if spec.mark is not None and branch != "confirm":
        # Only the counterpart's own confirmation may count against their reliability.
        errors.append(f"{where}: a reliability mark needs the counterpart's confirmation")
    if res.charge != (spec.charge is not None):
        errors.append(f"{where}: charge resolutions and charge specs go together")
    if spec.charge is not None:
        q = questions.get(spec.charge.question)
        if q is None or q.type != "number" or q.when is not None:
            errors.append(f"{where}: charge must read an always-asked number question")
        if branch != "confirm":
            errors.append(f"{where}: money is asked from the counterpart only on confirmation")
    if res.gesture and (rule.counterpart or branch != "direct"):
        # Automatic gestures are recorded in the ledger at filing, so they must not depend
        # on what the counterpart later says.
        errors.append(f"{where}: automatic gestures only on leaves without a counterpart step")
    return errors


def _path_errors(p: ProblemType) -> list[str]:
    errors: list[str] = []
    used: set[int] = set()
    count = 0
    for answers in itertools.islice(p.answer_paths(), 10_000):
        count += 1
        try:
            p.validate_answers(answers)
        except BadInput as e:
            errors.append(f"problem {p.id}: path {answers} fails its own tree ({e.code})")
            continue
        used.add(p.rules.index(p.rule_for(answers)))
    if count == 0:
        errors.append(f"problem {p.id}: no path through the questions")
    dead = [i + 1 for i in range(len(p.rules)) if i not in used]
    if dead:
        errors.append(f"problem {p.id}: rules {dead} are never reached by any answers")
    return errors

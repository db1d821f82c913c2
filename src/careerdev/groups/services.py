"""Every write about Wednesday groups, one function per use case, each in a
transaction. Forming is done by careerdev.grouping; this module stores,
moves, publishes and re-runs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from careerdev import grouping
from careerdev.audit import services as audit
from careerdev.audit.models import Area
from careerdev.grouping.types import Group, Grouping, Infeasible, Report
from careerdev.notifications.models import Kind
from careerdev.notifications.services import NewNotification, notify_now, queue
from careerdev.people.models import StudentProfile, User
from careerdev.school.models import Cohort, Enrollment, Term

from . import problems, prompts
from .models import (
    DiscussionGroup,
    GroupMember,
    GroupRound,
    MixItUpTopic,
    RoundKind,
    RoundStatus,
    SurveyResponse,
    TopicKind,
    TopicSurvey,
)
from .prompts import DEFAULT_TOPICS

MIX_IT_UP_WEEKS = (2, 4)


class GroupingRefused(Exception):
    """The engine could not satisfy the hard rules; nothing was stored."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__("; ".join(reasons))


# --- Topics and the survey -------------------------------------------------


@transaction.atomic
def ensure_default_topics(term: Term) -> list[MixItUpTopic]:
    """The seven default topics from the programme, for a term that has none."""
    if not term.mix_it_up_topics.exists():
        MixItUpTopic.objects.bulk_create(
            MixItUpTopic(term=term, name=name, kind=kind, position=i)
            for i, (name, kind) in enumerate(DEFAULT_TOPICS)
        )
    return list(term.mix_it_up_topics.all())


@transaction.atomic
def add_topic(term: Term, *, name: str, kind: str = TopicKind.STANDARD) -> MixItUpTopic:
    name = name.strip()
    if term.mix_it_up_topics.filter(name__iexact=name).exists():
        raise ValidationError(f"There is already a topic called {name}.")
    if (
        kind == TopicKind.LESS_REPRESENTED
        and term.mix_it_up_topics.filter(kind=TopicKind.LESS_REPRESENTED).exists()
    ):
        raise ValidationError("A term has one less-represented-in-tech topic.")
    position = (term.mix_it_up_topics.aggregate(m=Max("position"))["m"] or 0) + 1
    topic = MixItUpTopic(term=term, name=name, kind=kind, position=position)
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def rename_topic(topic: MixItUpTopic, *, name: str) -> MixItUpTopic:
    name = name.strip()
    if topic.term.mix_it_up_topics.filter(name__iexact=name).exclude(pk=topic.pk).exists():
        raise ValidationError(f"There is already a topic called {name}.")
    topic.name = name
    topic.full_clean()
    topic.save(update_fields=["name"])
    return topic


@transaction.atomic
def remove_topic(topic: MixItUpTopic) -> None:
    if DiscussionGroup.objects.filter(topic=topic).exists():
        raise ValidationError(f"{topic.name} has groups already; it cannot be removed.")
    SurveyResponse.objects.filter(leads_topic=topic).update(leads_topic=None)
    for response in SurveyResponse.objects.filter(survey__term=topic.term):
        if topic.pk in response.ranking:
            response.ranking = [t for t in response.ranking if t != topic.pk]
            response.save(update_fields=["ranking"])
    topic.delete()


@transaction.atomic
def open_survey(term: Term) -> TopicSurvey:
    survey, _ = TopicSurvey.objects.select_for_update().get_or_create(term=term)
    if not term.mix_it_up_topics.exists():
        raise ValidationError("Add the term's Mix It Up topics before opening the survey.")
    survey.opened_at = survey.opened_at or timezone.now()
    survey.closed_at = None
    survey.save()
    return survey


@transaction.atomic
def close_survey(term: Term) -> TopicSurvey:
    survey = TopicSurvey.objects.select_for_update().get(term=term)
    if survey.opened_at is None:
        raise ValidationError("The survey was never opened.")
    survey.closed_at = timezone.now()
    survey.save()
    return survey


@transaction.atomic
def answer_survey(
    student: User,
    term: Term,
    *,
    ranking: Sequence[MixItUpTopic],
    industry_interest: str,
    opt_in: bool,
    leads_topic: MixItUpTopic | None,
) -> SurveyResponse:
    """Store a student's ranked topics (and, for Mod 4, the topic they lead);
    the private opt-in is saved on their profile, its one home."""
    survey = TopicSurvey.objects.select_for_update().filter(term=term).first()
    if survey is None or not survey.is_open:
        raise ValidationError("The topic survey is closed.")
    enrollment = Enrollment.objects.filter(student=student, term=term).first()
    if enrollment is None:
        raise ValidationError("You are not enrolled in this term.")
    if len({t.pk for t in ranking}) != len(ranking):
        raise ValidationError("Rank each topic once.")
    if any(t.term_id != term.pk for t in ranking):
        raise ValidationError("Choose topics of this term.")
    if any(t.is_restricted for t in ranking) and not opt_in:
        raise ValidationError(
            "The less-represented-in-tech group is for people who identify so: "
            "tick that box to join it, or choose another topic."
        )
    if leads_topic is not None:
        if enrollment.module != 4:
            raise ValidationError("Only Mod 4 students lead a Mix It Up topic.")
        if leads_topic.is_restricted or leads_topic.term_id != term.pk:
            raise ValidationError("Choose a topic you can lead.")
    profile, _ = StudentProfile.objects.get_or_create(user=student)
    if profile.less_represented_opt_in != opt_in:
        profile.less_represented_opt_in = opt_in
        profile.save(update_fields=["less_represented_opt_in"])
    response, _ = SurveyResponse.objects.update_or_create(
        survey=survey,
        student=student,
        defaults={
            "ranking": [t.pk for t in ranking],
            "industry_interest": industry_interest.strip(),
            "leads_topic": leads_topic,
        },
    )
    return response


# --- Forming, moving, publishing ------------------------------------------


def _round_for_update(term: Term, kind: str, week: int | None, by: User) -> GroupRound:
    if kind == RoundKind.MIX_IT_UP and week not in MIX_IT_UP_WEEKS:
        raise ValidationError(f"Mix It Up groups meet in weeks 2 and 4, not week {week}.")
    round_, _ = GroupRound.objects.select_for_update().get_or_create(
        term=term,
        kind=kind,
        week=week if kind == RoundKind.MIX_IT_UP else None,
        defaults={"created_by": by},
    )
    if round_.is_published:
        raise ValidationError("These groups are published and frozen.")
    return round_


def _store(round_: GroupRound, groups: Iterable[Group], *, cohort_of=None) -> None:
    """Replace the round's groups with `groups` (leaders as the engine chose)."""
    round_.groups.all().delete()
    groups = list(groups)
    created = DiscussionGroup.objects.bulk_create(
        DiscussionGroup(
            round=round_,
            number=g.number,
            topic_id=int(g.topic) if g.topic else None,
            cohort=cohort_of(g) if cohort_of else None,
        )
        for g in groups
    )
    GroupMember.objects.bulk_create(
        GroupMember(round=round_, group=db_group, student_id=pid, is_leader=pid in g.leaders)
        for db_group, g in zip(created, groups, strict=True)
        for pid in g.members
    )


def _audit(round_: GroupRound, by: User | None, changes: list[audit.Change]) -> None:
    audit.record(school_id=round_.term.school_id, by=by, area=Area.GROUPS, changes=changes)


def _formed(round_: GroupRound, by: User | None, groups_before: int, how: str) -> None:
    """The audit entry for a round (re-)formed: sizes, not every member."""
    _audit(
        round_,
        by,
        [
            audit.Change(
                action=how,
                subject=str(round_),
                before={"groups": groups_before} if groups_before else None,
                after={
                    "groups": round_.groups.count(),
                    "students": GroupMember.objects.filter(round=round_).count(),
                },
            )
        ],
    )


@transaction.atomic
def form_mix_it_up(term: Term, week: int, *, by: User, seed: int = 0) -> GroupRound:
    """Form (or re-form) the week's Mix It Up groups as a draft."""
    round_ = _round_for_update(term, RoundKind.MIX_IT_UP, week, by)
    groups_before = round_.groups.count()
    round_.seed = seed
    problem = problems.mix_it_up_problem(round_)
    if not problem.topics:
        raise GroupingRefused(["The term has no Mix It Up topics yet."])
    try:
        result = grouping.form_mix_it_up_groups(problem)
    except Infeasible as refused:
        raise GroupingRefused(refused.reasons) from refused
    _store(round_, result.groups)
    round_.report = problems.report_as_json(result.report)
    round_.save()
    _formed(round_, by, groups_before, "formed the groups")
    return round_


@transaction.atomic
def form_homerooms(term: Term, *, by: User, seed: int = 0) -> GroupRound:
    """Form the term's Homeroom groups, cohort by cohort, as a draft. Group
    numbers (rooms) run on across cohorts so every room is unique."""
    round_ = _round_for_update(term, RoundKind.HOMEROOM, None, by)
    groups_before = round_.groups.count()
    round_.seed = seed
    cohorts = Cohort.objects.filter(enrollments__term=term).distinct().order_by("code")
    all_groups, cohort_by_number, reports, refusals = [], {}, [], []
    offset = 0
    for cohort in cohorts:
        problem = problems.homeroom_problem(round_, cohort)
        try:
            result = grouping.form_homeroom_groups(problem)
        except Infeasible as refused:
            refusals += [f"{cohort.code}: {r}" for r in refused.reasons]
            continue
        for g in result.groups:
            numbered = Group(number=g.number + offset, members=g.members)
            all_groups.append(numbered)
            cohort_by_number[numbered.number] = cohort
        offset += len(result.groups)
        reports.append((cohort.code, result.report))
    if refusals:
        raise GroupingRefused(refusals)
    _store(round_, all_groups, cohort_of=lambda g: cohort_by_number[g.number])
    round_.report = _combined_homeroom_report(reports)
    round_.save()
    _formed(round_, by, groups_before, "formed the groups")
    return round_


def _combined_homeroom_report(reports: list[tuple[str, Report]]) -> dict:
    """One report for the term from each cohort's."""
    rules: dict[str, dict] = {}
    repeated, notes = [], []
    for code, report in reports:
        for r in report.rules:
            entry = rules.setdefault(r.rule, {"rule": r.rule, "ok": True, "detail": ""})
            if not r.ok:
                entry["ok"] = False
                entry["detail"] = (entry["detail"] + f" {code}: {r.detail}").strip()
        repeated += [list(p) for p in report.repeated_pairs]
        notes += [f"{code}: {n}" for n in report.notes]
    n = len(reports) or 1
    return {
        "ok": all(r["ok"] for r in rules.values()),
        "rules": list(rules.values()),
        "first_choice_rate": None,
        "second_choice_rate": None,
        "repeated_pairs": repeated,
        "modules_per_group": sum(r.modules_per_group for _, r in reports) / n,
        "programs_per_group": sum(r.programs_per_group for _, r in reports) / n,
        "cohorts_per_group": 1.0,
        "objective": sum(r.objective for _, r in reports),
        "bound": None,
        "gap_to_bound": None,
        "notes": notes,
    }


@transaction.atomic
def carry_forward_homerooms(term: Term, *, by: User) -> GroupRound:
    """Keep last module's Homeroom groups: each cohort's students stay with
    the people they met with before; newcomers join the smallest groups. A
    cohort nobody of which was in an earlier Homeroom is formed afresh. The
    report is the real one, so a carried group now too small shows up."""
    previous = (
        GroupRound.objects.filter(
            term__school=term.school,
            term__start_date__lt=term.start_date,
            kind=RoundKind.HOMEROOM,
            status=RoundStatus.PUBLISHED,
        )
        .order_by("-term__start_date")
        .first()
    )
    if previous is None:
        raise GroupingRefused(["There are no published Homeroom groups from an earlier term."])
    round_ = _round_for_update(term, RoundKind.HOMEROOM, None, by)
    groups_before = round_.groups.count()
    before = dict(
        GroupMember.objects.filter(round=previous).values_list("student_id", "group__number")
    )
    enrollments = (
        Enrollment.objects.filter(term=term)
        .select_related("cohort")
        .order_by("cohort__code", "student_id")
    )
    by_cohort: dict[Cohort, list[int]] = {}
    for e in enrollments:
        by_cohort.setdefault(e.cohort, []).append(e.student_id)
    groups, cohort_by_number, number = [], {}, 0
    for cohort, students in by_cohort.items():
        old: dict[int, list[int]] = {}
        newcomers = []
        for sid in students:
            if sid in before:
                old.setdefault(before[sid], []).append(sid)
            else:
                newcomers.append(sid)
        if old:
            members = list(old.values())
            for sid in newcomers:
                min(members, key=len).append(sid)
        else:
            try:
                fresh = grouping.form_homeroom_groups(problems.homeroom_problem(round_, cohort))
            except Infeasible as refused:
                raise GroupingRefused([f"{cohort.code}: {r}" for r in refused.reasons]) from None
            members = [list(g.members) for g in fresh.groups]
        for m in members:
            number += 1
            groups.append(Group(number=number, members=tuple(m)))
            cohort_by_number[number] = cohort
    _store(round_, groups, cohort_of=lambda g: cohort_by_number[g.number])
    round_.report = evaluate(round_)
    round_.report["notes"].insert(0, f"Carried forward from {previous.term}")
    round_.save()
    _formed(round_, by, groups_before, f"carried the groups forward from {previous.term}")
    return round_


def evaluate(round_: GroupRound) -> dict:
    """Re-score the round's groups as they stand (after a move by hand)."""
    groups = _groups_of(round_)
    if round_.kind == RoundKind.MIX_IT_UP:
        report = grouping.evaluate_mix_it_up(problems.mix_it_up_problem(round_), groups)
        return problems.report_as_json(report)
    reports = []
    by_cohort: dict[int, list[Group]] = {}
    cohorts = dict(round_.groups.values_list("number", "cohort_id"))
    for g in groups:
        by_cohort.setdefault(cohorts[g.number], []).append(g)
    for cohort in Cohort.objects.filter(pk__in=by_cohort).order_by("code"):
        problem = problems.homeroom_problem(round_, cohort)
        reports.append((cohort.code, grouping.evaluate_homeroom(problem, by_cohort[cohort.pk])))
    return _combined_homeroom_report(reports)


def _groups_of(round_: GroupRound) -> list[Group]:
    members: dict[int, list[int]] = {}
    leaders: dict[int, list[int]] = {}
    for number, sid, lead in GroupMember.objects.filter(round=round_).values_list(
        "group__number", "student_id", "is_leader"
    ):
        members.setdefault(number, []).append(sid)
        if lead:
            leaders.setdefault(number, []).append(sid)
    return [
        Group(
            number=g.number,
            members=tuple(members.get(g.number, ())),
            topic=str(g.topic_id) if g.topic_id else None,
            leaders=tuple(leaders.get(g.number, ())),
        )
        for g in round_.groups.all()
    ]


def _reset_leaders(group: DiscussionGroup) -> None:
    """Leaders follow the programme's rule: a Mix It Up group's Mod 4 members
    lead (a Mod 3 stands in when there is none); the less-represented group
    and Homeroom groups have none."""
    members = list(group.members.all())
    GroupMember.objects.filter(group=group).update(is_leader=False)
    if group.topic_id is None or group.topic.is_restricted:
        return
    modules = dict(
        Enrollment.objects.filter(
            term=group.round.term, student_id__in=[m.student_id for m in members]
        ).values_list("student_id", "module")
    )
    for level in (4, 3):
        leads = [m.pk for m in members if modules.get(m.student_id) == level]
        if leads:
            GroupMember.objects.filter(pk__in=leads).update(is_leader=True)
            return


@transaction.atomic
def move_student(
    round_: GroupRound, student_id: int, to_number: int, *, by: User | None = None
) -> GroupRound:
    """Move one student to group `to_number` (a new number opens a new group
    with the topic of none) and re-score the round."""
    round_ = GroupRound.objects.select_for_update().get(pk=round_.pk)
    if round_.is_published:
        raise ValidationError("These groups are published and frozen.")
    member = (
        GroupMember.objects.select_related("group", "student__student_profile")
        .filter(round=round_, student_id=student_id)
        .first()
    )
    if member is None:
        raise ValidationError("That student is not in these groups.")
    target = round_.groups.filter(number=to_number).first()
    if target is None:
        if to_number != (round_.groups.aggregate(m=Max("number"))["m"] or 0) + 1:
            raise ValidationError(f"There is no group {to_number}.")
        target = DiscussionGroup.objects.create(
            round=round_, number=to_number, cohort=member.group.cohort, topic=member.group.topic
        )
    source = member.group
    if target.pk == source.pk:
        return round_
    if round_.kind == RoundKind.HOMEROOM and target.cohort_id != source.cohort_id:
        raise ValidationError(
            "Homeroom groups are of one cohort: choose a group of the same cohort."
        )
    member.group = target
    member.save(update_fields=["group"])
    _audit(
        round_,
        by,
        [
            audit.Change(
                action=f"moved {member.student.display_name}",
                subject=str(round_),
                student_id=student_id,
                before={"group": source.number},
                after={"group": target.number},
            )
        ],
    )
    if not source.members.exists():
        source.delete()
    else:
        _reset_leaders(source)
    _reset_leaders(target)
    round_.report = evaluate(round_)
    round_.save(update_fields=["report"])
    return round_


@transaction.atomic
def publish(round_: GroupRound, *, by: User | None = None) -> GroupRound:
    """Publish the groups to students: only when every hard rule holds."""
    round_ = GroupRound.objects.select_for_update().get(pk=round_.pk)
    if round_.is_published:
        return round_
    if not round_.groups.exists():
        raise ValidationError("There are no groups to publish.")
    round_.report = evaluate(round_)
    if not round_.report.get("ok"):
        broken = [r["detail"] or r["rule"] for r in round_.report["rules"] if not r["ok"]]
        round_.save(update_fields=["report"])
        raise ValidationError("Not published: " + "; ".join(broken))
    round_.status = RoundStatus.PUBLISHED
    round_.published_at = timezone.now()
    round_.save()
    _audit(
        round_,
        by,
        [
            audit.Change(
                action="published the groups",
                subject=str(round_),
                before={"status": "draft"},
                after={"status": "published", "groups": round_.groups.count()},
            )
        ],
    )
    # Students read the week's prompts beside their group: make sure the
    # school has them (never overwriting what staff wrote).
    prompts.ensure_default_prompts(round_.term.school)
    _after_publish(round_)
    return round_


def _after_publish(round_: GroupRound) -> None:
    from . import slack

    _queue_published_notices(round_)
    if round_.kind == RoundKind.MIX_IT_UP and slack.is_configured():
        # After commit, so it can never undo the publication; in the background,
        # so staff do not wait on a few hundred Slack calls.
        transaction.on_commit(lambda: slack.post_round_in_background(round_.pk))


def _queue_published_notices(round_: GroupRound, *, moved: set[int] | None = None) -> None:
    """Tell each student their group is out: a notice on their home page, and
    an email on the next `send-reminders` run (unless they turned it off).
    With `moved`, tell only those students their group changed, straight away.

    Emails are read outside careerdev, so every notice of a round has the
    same form, the room and a link: no topic, no "you lead" (the
    less-represented group has no leader). The home page says the rest."""
    school = round_.term.school
    if round_.kind == RoundKind.HOMEROOM:
        what, rest = "Homeroom group", "Who is in it and the prompts"
    else:
        what = f"Mix It Up group, week {round_.week}"
        rest = "Who is in it, the topic, the prompts and who leads"
    rows = GroupMember.objects.filter(round=round_)
    if moved is not None:
        rows = rows.filter(student_id__in=moved)
    # By student, so a notice's id (on its student's page) follows nothing
    # about groups, and the order is the same on every database.
    rows = rows.order_by("student_id").values_list("student_id", "group__number")
    news = [
        NewNotification(
            recipient_id=sid,
            # A move's key has the new room: moved twice, told twice.
            key=f"groups_published:{round_.pk}:{sid}" + (f":moved:{number}" if moved else ""),
            kind=Kind.GROUPS_PUBLISHED,
            subject=(
                f"{school.name}: your {what} "
                + ("has changed — now room" if moved else "is out — room")
                + f" {number}"
            ),
            body=(
                f"Your {what} for {round_.term.name} "
                + ("has changed because of absences: now room" if moved else "is published: room")
                + f" {number}. {rest}: on your home page in careerdev."
            ),
            url=reverse("home"),
        )
        for sid, number in rows
    ]
    if moved:
        notify_now(news)
    else:
        queue(news)


@transaction.atomic
def rerun_for_absences(round_: GroupRound, absent: set[int], *, by: User) -> GroupRound:
    """Take absent students out of a Mix It Up round and mend only the groups
    that then break a rule; everyone else stays where they are."""
    round_ = GroupRound.objects.select_for_update().get(pk=round_.pk)
    if round_.kind != RoundKind.MIX_IT_UP:
        raise ValidationError("Absences are handled for Mix It Up groups.")
    was_in = dict(
        GroupMember.objects.filter(round=round_).values_list("student_id", "group__number")
    )
    current = [
        Group(
            number=g.number,
            members=tuple(m for m in g.members if m not in absent),
            topic=g.topic,
            leaders=tuple(m for m in g.leaders if m not in absent),
        )
        for g in _groups_of(round_)
    ]
    problem = problems.mix_it_up_problem(round_, absent=absent)
    broken_numbers = _groups_breaking_rules(problem, current)
    kept_groups = [g for g in current if g.number not in broken_numbers]
    keep = {m: g.number for g in kept_groups for m in g.members}
    spare = _spare_mod4_students(problem, current, broken_numbers)
    spare += _spare_students_to_fill(problem, current, broken_numbers, spare)
    for sid in spare:
        del keep[sid]
    keep_topics = {g.number: g.topic for g in kept_groups if g.topic}
    problem = problems.mix_it_up_problem(round_, keep=keep, keep_topics=keep_topics, absent=absent)
    try:
        result: Grouping = grouping.form_mix_it_up_groups(problem)
    except Infeasible as refused:
        raise GroupingRefused(refused.reasons) from refused
    _store(round_, result.groups)
    round_.report = problems.report_as_json(result.report)
    round_.save()
    moved = _audit_absences(round_, by, was_in, absent)
    if round_.is_published:
        _queue_published_notices(round_, moved=moved - absent)
    return round_


def _audit_absences(
    round_: GroupRound, by: User | None, was_in: dict[int, int], absent: set[int]
) -> set[int]:
    """One entry per student whose group changed when the round was mended;
    returns those students."""
    now_in = dict(
        GroupMember.objects.filter(round=round_).values_list("student_id", "group__number")
    )
    moved = sorted(sid for sid, number in was_in.items() if now_in.get(sid) != number)
    names = {
        u.pk: u.display_name
        for u in User.objects.filter(pk__in=moved).select_related("student_profile")
    }
    _audit(
        round_,
        by,
        [
            audit.Change(
                action=(
                    f"marked {names[sid]} absent"
                    if sid in absent
                    else f"moved {names[sid]} around absences"
                ),
                subject=str(round_),
                student_id=sid,
                before={"group": was_in[sid]},
                after={"group": now_in.get(sid)},
            )
            for sid in moved
        ],
    )
    return set(moved)


def _spare_mod4_students(problem, groups: list[Group], broken: set[int]) -> list[int]:
    """When the broken groups' own people hold fewer Mod 4 students than the
    broken groups need, free one Mod 4 student (not a leader, where possible)
    from each kept group that has two or more and room to lose one, so one
    person moves, not a group."""
    modules = {p.id: p.module for p in problem.people}
    free_mod4 = sum(1 for g in groups if g.number in broken for m in g.members if modules[m] == 4)
    needed = len(broken) - free_mod4
    spare: list[int] = []
    donors = sorted(
        (g for g in groups if g.number not in broken),
        key=lambda g: (-sum(modules[m] == 4 for m in g.members), g.number),
    )
    for g in donors:
        if len(spare) >= needed:
            break
        mod4 = [m for m in g.members if modules[m] == 4]
        if len(mod4) >= 2 and len(g.members) > problem.min_size:
            spare.append(min(mod4, key=lambda m: (m in g.leaders, m)))
    return spare


def _spare_students_to_fill(
    problem, groups: list[Group], broken: set[int], freed: list[int]
) -> list[int]:
    """When the broken groups are short of people (an absence left one below
    the fewest), free students from the biggest kept groups, one at a time
    and never below the fewest, until the shortfall is covered: a few people
    move, and every other group keeps its room."""
    short = sum(max(0, problem.min_size - len(g.members)) for g in groups if g.number in broken)
    short -= len(freed)
    modules = {p.id: p.module for p in problem.people}
    taken = set(freed)
    left = {g.number: [m for m in g.members if m not in taken] for g in groups}
    spare: list[int] = []
    while short > 0:
        donors = [
            g for g in groups if g.number not in broken and len(left[g.number]) > problem.min_size
        ]
        if not donors:
            break  # the engine will say why it cannot be mended
        g = max(donors, key=lambda g: (len(left[g.number]), -g.number))
        mod4_left = sum(modules[m] == 4 for m in left[g.number])
        movable = [m for m in left[g.number] if modules[m] != 4 or mod4_left > 1]
        if not movable:
            break
        # The least disruptive: not a leader, lowest module. Never by opt-in: who
        # moves is seen by everyone, so it must not depend on it.
        person = min(movable, key=lambda m: (m in g.leaders, modules[m], m))
        left[g.number].remove(person)
        spare.append(person)
        short -= 1
    return spare


def _groups_breaking_rules(problem, groups: list[Group]) -> set[int]:
    """Groups too small or without a Mod 4 student after absences (a Mod 3
    stand-in is re-planned rather than assumed to be still needed)."""
    modules = {p.id: p.module for p in problem.people}
    return {
        g.number
        for g in groups
        if len(g.members) < problem.min_size or not any(modules[m] == 4 for m in g.members)
    }

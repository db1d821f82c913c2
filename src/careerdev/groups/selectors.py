"""Reads the group pages need, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from careerdev.people.models import User
from careerdev.school.models import Enrollment, Term
from careerdev.school.selectors import Enrolled

from .models import (
    DiscussionGroup,
    GroupMember,
    GroupRound,
    MixItUpTopic,
    RoundKind,
    RoundStatus,
    SurveyResponse,
    TopicSurvey,
)


@dataclass
class MemberView:
    student: User
    module: int | None
    cohort: str
    program: str
    repeating: bool
    is_leader: bool
    # Staff only: where the group's topic stood in the student's ranking (1 = first).
    choice: int | None = None


@dataclass
class GroupView:
    group: DiscussionGroup
    members: list[MemberView] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.group.number


def term_rounds(term: Term) -> dict:
    """The term's rounds: {"homeroom": round|None, "mix_it_up": {2: round|None, 4: ...}}."""
    rounds = list(GroupRound.objects.filter(term=term))
    return {
        "homeroom": next((r for r in rounds if r.kind == RoundKind.HOMEROOM), None),
        "mix_it_up": {
            w: next((r for r in rounds if r.kind == RoundKind.MIX_IT_UP and r.week == w), None)
            for w in (2, 4)
        },
    }


def _group_views(groups, members, term: Term, with_choices: bool) -> list[GroupView]:
    student_ids = {m.student_id for m in members}
    enrollments = {
        e.student_id: e
        for e in Enrollment.objects.filter(term=term, student_id__in=student_ids).select_related(
            "cohort__program"
        )
    }
    rankings = {}
    if with_choices:
        rankings = dict(
            SurveyResponse.objects.filter(
                survey__term=term, student_id__in=student_ids
            ).values_list("student_id", "ranking")
        )
    views = {g.pk: GroupView(g) for g in groups}
    for m in members:
        e = enrollments.get(m.student_id)
        ranking = rankings.get(m.student_id) or []
        topic_id = views[m.group_id].group.topic_id
        views[m.group_id].members.append(
            MemberView(
                student=m.student,
                module=e.module if e else None,
                cohort=e.cohort.code if e else "",
                program=e.cohort.program.code if e else "",
                repeating=bool(e and e.repeating),
                is_leader=m.is_leader,
                choice=ranking.index(topic_id) + 1 if topic_id in ranking else None,
            )
        )
    for v in views.values():
        v.members.sort(key=_member_order)
    return list(views.values())


def round_groups(round_: GroupRound, numbers: range | None = None) -> list[GroupView]:
    """The round's groups (those numbered in `numbers`, else all) with their
    members, for staff."""
    groups = round_.groups.select_related("topic", "cohort").order_by("number")
    members = GroupMember.objects.filter(round=round_).select_related("student__student_profile")
    if numbers is not None:
        groups = groups.filter(number__gte=numbers.start, number__lt=numbers.stop)
        members = members.filter(group__number__gte=numbers.start, group__number__lt=numbers.stop)
    groups, members = list(groups), list(members)
    return _group_views(groups, members, round_.term, with_choices=True)


@dataclass
class StudentWeek:
    homeroom: GroupView | None
    mix_it_up: GroupView | None
    mix_it_up_round: GroupRound | None
    leads: bool  # whether the student leads their Mix It Up group


@dataclass(frozen=True)
class PublishedGroups:
    """A term's published groups as an index, read in three queries whatever
    the size: what every student's home page shares, so a worker keeps it
    (school/shared.py) and a student's page only reads their group-mates'
    names."""

    groups: dict[int, DiscussionGroup]  # with their round, topic and cohort
    members: dict[int, tuple[tuple[int, bool], ...]]  # group id → (student id, leads)
    of_student: dict[int, tuple[int, ...]]  # student id → their group ids


def published_groups(term: Term) -> PublishedGroups:
    rounds = {r.pk: r for r in GroupRound.objects.filter(term=term, status=RoundStatus.PUBLISHED)}
    groups = {}
    for g in DiscussionGroup.objects.filter(round_id__in=list(rounds)).select_related(
        "topic", "cohort"
    ):
        g.round = rounds[g.round_id]
        groups[g.pk] = g
    members: dict[int, list[tuple[int, bool]]] = {pk: [] for pk in groups}
    of_student: dict[int, list[int]] = {}
    rows = GroupMember.objects.filter(round_id__in=list(rounds)).values_list(
        "group_id", "student_id", "is_leader"
    )
    for group_id, student_id, leads in rows:
        members[group_id].append((student_id, leads))
        of_student.setdefault(student_id, []).append(group_id)
    return PublishedGroups(
        groups,
        {pk: tuple(m) for pk, m in members.items()},
        {sid: tuple(g) for sid, g in of_student.items()},
    )


def student_week(
    student: User,
    week: int | None,
    published: PublishedGroups,
    enrolled: dict[int, Enrolled],
) -> StudentWeek:
    """The student's published Homeroom group, and their Mix It Up group for
    `week` when it is a Mix It Up week — with their group-mates. `published`
    and `enrolled` are the term's (`published_groups`, `enrolled_in`); one
    query: the group-mates' names and profiles."""
    mine = [published.groups[pk] for pk in published.of_student.get(student.pk, ())]
    homeroom = next((g for g in mine if g.round.kind == RoundKind.HOMEROOM), None)
    miu = next(
        (g for g in mine if g.round.kind == RoundKind.MIX_IT_UP and g.round.week == week), None
    )
    shown = [g for g in (homeroom, miu) if g]
    people = User.objects.select_related("student_profile").in_bulk(
        {sid for g in shown for sid, _ in published.members[g.pk]}
    )
    views = {}
    for g in shown:
        view = views[g.pk] = GroupView(g)
        for sid, leads in published.members[g.pk]:
            if sid not in people:
                continue  # deleted since this worker read the groups (the next page re-reads)
            e = enrolled.get(sid)
            view.members.append(
                MemberView(
                    student=people[sid],
                    module=e.module if e else None,
                    cohort=e.cohort if e else "",
                    program=e.program if e else "",
                    repeating=bool(e and e.repeating),
                    is_leader=leads,
                )
            )
        view.members.sort(key=_member_order)
    return StudentWeek(
        homeroom=views.get(homeroom.pk) if homeroom else None,
        mix_it_up=views.get(miu.pk) if miu else None,
        mix_it_up_round=miu.round if miu else None,
        leads=bool(miu and dict(published.members[miu.pk]).get(student.pk)),
    )


def _member_order(mv: MemberView) -> tuple:
    """Leaders first, then Mod 4 down to Mod 1, then by last name."""
    return (not mv.is_leader, -(mv.module or 0), mv.student.last_name)


@dataclass
class SurveyStatus:
    survey: TopicSurvey | None
    topics: list[MixItUpTopic]
    answered: int
    students: int
    unanswered: list[Enrollment]  # the first UNANSWERED_SHOWN of them, by cohort and name

    @property
    def unanswered_count(self) -> int:
        return self.students - self.answered


# Staff chase the first names on the list; a 5,000-student term's full list
# would only slow the page.
UNANSWERED_SHOWN = 100


def survey_status(term: Term) -> SurveyStatus:
    """Who has answered the term's topic survey: counts, and the first of
    those who have not. A fixed number of queries, whatever the size."""
    survey = TopicSurvey.objects.filter(term=term).first()
    enrolled = Enrollment.objects.filter(term=term)
    responded = SurveyResponse.objects.filter(survey__term=term).values("student_id")
    unanswered = (
        enrolled.exclude(student_id__in=responded)
        .select_related("student__student_profile", "cohort")
        .order_by("cohort__code", "student__last_name", "student__first_name")
    )
    return SurveyStatus(
        survey=survey,
        topics=term_topics(term),
        answered=enrolled.filter(student_id__in=responded).count(),
        students=enrolled.count(),
        unanswered=list(unanswered[:UNANSWERED_SHOWN]),
    )


def term_topics(term: Term) -> list[MixItUpTopic]:
    return list(MixItUpTopic.objects.filter(term=term))


def survey_of(term: Term) -> TopicSurvey | None:
    return TopicSurvey.objects.filter(term=term).first()


def survey_response(student: User, term: Term) -> SurveyResponse | None:
    return SurveyResponse.objects.filter(survey__term=term, student=student).first()

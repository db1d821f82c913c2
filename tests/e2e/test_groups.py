"""Staff form week 2's Mix It Up groups in the browser, move a student with
the report updating in place, publish and export; a student then sees their
group, room and topic on their home page."""

import csv
import io

import pytest
from playwright.sync_api import expect

from careerdev.groups.models import DiscussionGroup, GroupMember, GroupRound
from careerdev.school.models import Enrollment, Term
from tests.factories import PASSWORD
from tests.groups.conftest import student_body  # noqa: F401 (fixture)

from .conftest import ARTIFACTS, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def a_safe_move(round_: GroupRound) -> tuple[GroupMember, DiscussionGroup]:
    """A Mod 1–2 student, not opted in, from a group above the minimum size,
    and an open-topic group with room: moving keeps every rule."""
    groups = list(round_.groups.select_related("topic"))
    sizes = {g.pk: g.members.count() for g in groups}
    lower = set(
        Enrollment.objects.filter(term=round_.term, module__lte=2).values_list(
            "student_id", flat=True
        )
    )
    for member in GroupMember.objects.filter(round=round_, student_id__in=lower).select_related(
        "group__topic", "student__student_profile"
    ):
        if member.student.student_profile.less_represented_opt_in:
            continue
        if sizes[member.group_id] <= 4 or member.group.topic.is_restricted:
            continue
        for target in groups:
            fits = target.pk != member.group_id and sizes[target.pk] < 7
            if fits and not target.topic.is_restricted:
                return member, target
    raise AssertionError("the fixture should allow a safe move")


def test_staff_form_move_publish_export_and_a_student_sees_their_room(
    page,
    browser,
    live_server,
    student_body,  # noqa: F811 (the imported fixture)
    monkeypatch,
):
    # The student's home shows the next Wednesday's groups: make that week 2.
    monkeypatch.setattr(Term, "next_pd_week", lambda self, now: self.week(2))
    sign_in(page, student_body.staff.email, PASSWORD)
    page.get_by_role("link", name="Groups").click()
    expect(page.get_by_role("heading", name="Wednesday groups")).to_be_visible()
    # Forming runs the optimiser inside the request: allow it its seconds.
    page.get_by_role("button", name="Form week 2 groups").click(timeout=60_000)
    expect(page.get_by_role("heading", name="Mix It Up · week 2")).to_be_visible()
    expect(page.get_by_role("button", name="Publish to students")).to_be_enabled()

    round_ = GroupRound.objects.get(term=student_body.term, kind="mix_it_up", week=2)
    member, target = a_safe_move(round_)
    name = member.student.display_name
    page.get_by_label(f"Move {name} to group number").fill(str(target.number))
    page.locator(f"#group-{member.group.number} li", has_text=name).get_by_role(
        "button", name="Move"
    ).click()
    # htmx swaps the body: the student now shows under the target group.
    expect(page.locator(f"#group-{target.number}")).to_contain_text(name)
    member.refresh_from_db()
    assert member.group_id == target.pk

    page.get_by_role("button", name="Publish to students").click()
    expect(page.get_by_text("Published", exact=False).first).to_be_visible()
    round_.refresh_from_db()
    assert round_.is_published

    with page.expect_download() as download:
        page.get_by_role("button", name="Export CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    # The shared sheet lists everyone, the less-represented group too (a
    # missing name would say the opt-in), with no topic or leader column.
    assert len(rows) == 1 + GroupMember.objects.filter(round=round_).count()
    assert any(name in row for row in rows)
    assert not {"Topic", "Leads", "Leader"} & set(rows[0])
    assert not any("opt" in cell.lower() for cell in rows[0])

    student = page.context.browser.new_context(base_url=live_server.url).new_page()
    sign_in(student, member.student.email, PASSWORD)
    expect(student.get_by_role("heading", name=f"Mix It Up · room {target.number}")).to_be_visible()
    expect(student.get_by_text(target.topic.name).first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    student.screenshot(path=str(ARTIFACTS / "student-home-groups.png"), full_page=True)
    student.context.close()

"""The weekly paths by keyboard alone: a student signs in and reaches their
group and a group-mate; the skip link takes focus past the navigation; focus
is always visible; staff move a student between draft groups. (The job
search board's own keyboard path is in test_jobsearch.py.)"""

import pytest
from playwright.sync_api import expect

from careerdev.groups import services as groups
from careerdev.groups.models import GroupMember
from careerdev.school.models import Term
from tests.factories import PASSWORD
from tests.groups.conftest import student_body  # noqa: F401 (fixture)

from . import axe
from .conftest import sign_in
from .test_groups import a_safe_move

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# More Tab presses than any page here has stops: reaching the target proves it
# is in the tab order; running out means it is not.
MAX_TABS = 400


def focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, locator) -> int:
    """Press Tab until `locator` has focus; returns how many presses it took."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if focused(locator):
            return presses
    raise AssertionError(f"Tab never reached {locator}")


@pytest.fixture
def published_groups(small_school, student_body, monkeypatch):  # noqa: F811
    # The student's home shows the next Wednesday's groups: make that week 2.
    monkeypatch.setattr(Term, "next_pd_week", lambda self, now: self.week(2))
    groups.close_survey(small_school.term)
    groups.publish(groups.form_homerooms(small_school.term, by=small_school.staff, seed=1))
    return groups.publish(
        groups.form_mix_it_up(small_school.term, 2, by=small_school.staff, seed=1)
    )


def test_student_signs_in_and_reaches_their_group_by_keyboard(page, small_school, published_groups):
    student = small_school.student_a
    mine = GroupMember.objects.select_related("group").get(round=published_groups, student=student)
    mate = (
        GroupMember.objects.filter(group=mine.group)
        .exclude(student=student)
        .select_related("student")
        .first()
        .student
    )

    page.goto("/login/")
    # The email field has focus on arrival (autofocus): type, Tab, type, Enter.
    expect(page.get_by_label("Email")).to_be_focused()
    page.keyboard.type(student.email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ana Able")
    mix_it_up = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name=f"Mix It Up · room {mine.group.room}")
    )
    expect(mix_it_up).to_be_visible()
    tab_to(page, mix_it_up.get_by_role("link", name=mate.display_name))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(mate.display_name)


def test_skip_link_moves_focus_past_the_navigation(page, small_school):
    sign_in(page, small_school.staff.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # The next Tab lands inside the content, not back in the navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_keyboard_focus_is_visible(page, small_school):
    sign_in(page, small_school.staff.email, PASSWORD)
    link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Groups")
    tab_to(page, link)
    style = link.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert style[0] == "solid" and float(style[1].removesuffix("px")) >= 2, style


def test_staff_move_a_student_between_draft_groups_by_keyboard(
    page,
    small_school,
    student_body,  # noqa: F811 (the imported fixture)
):
    groups.close_survey(small_school.term)
    draft = groups.form_mix_it_up(small_school.term, 4, by=small_school.staff, seed=1)
    member, target = a_safe_move(draft)
    student = member.student

    sign_in(page, small_school.staff.email, PASSWORD)
    page.goto(f"/groups/rounds/{draft.pk}/")
    expect(page.get_by_role("heading", name="Mix It Up · week 4")).to_be_visible()
    field = page.get_by_label(f"Move {student.display_name} to group number")
    tab_to(page, field)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(str(target.number))
    page.keyboard.press("Enter")

    # htmx swaps the groups and the report; the student is in the new group,
    # the outcome is announced, and focus stays on the student's field.
    card = page.locator(f"#group-{target.number}")
    expect(card.get_by_role("link", name=student.display_name)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(
        "Moved. The groups and the report are up to date."
    )
    expect(field).to_be_focused()
    expect(field).to_have_value(str(target.number))
    assert GroupMember.objects.get(round=draft, student=student).group_id == target.pk
    axe.assert_no_blocking_violations(page, "the round page after a move")

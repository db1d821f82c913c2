import pytest


@pytest.mark.django_db
def test_an_unknown_page_gives_a_friendly_404(client, small_school):
    client.force_login(small_school.student_a)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "could not find that page" in response.content.decode()


@pytest.mark.django_db
def test_a_forbidden_page_gives_a_friendly_403(client, small_school):
    client.force_login(small_school.student_a)
    response = client.get("/school/term/")
    assert response.status_code == 403
    assert "not for your account" in response.content.decode()

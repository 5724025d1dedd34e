from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from assessment.rules import QUESTIONS, Answers


class AssessmentForm(forms.Form):
    """One required radio group per question of the assessment."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = forms.ChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=[(choice.value, choice.label) for choice in question.choices],
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose an answer to “{question.text}”",
                    "invalid_choice": f"Choose one of the answers to “{question.text}”",
                },
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the view is CSRF-exempt
        self.helper.add_input(
            Submit("submit", "See my recommendation", css_class="btn-lg")
        )

    @property
    def answers(self) -> Answers:
        return {question.key: self.cleaned_data[question.key] for question in QUESTIONS}

# The booking page's wording gains answers, and a message for answers that cannot be accepted.

import booking.blocks
import wagtail.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('booking', '0016_not_sent_texts'),
    ]

    operations = [
        migrations.AlterField(
            model_name='bookingpage',
            name='question_texts',
            field=wagtail.fields.StreamField([('question', 5), ('answer', 8)], blank=True, block_lookup={0: ('wagtail.blocks.ChoiceBlock', [], {'choices': booking.blocks.question_choices, 'help_text': "The question, in the form's own wording.", 'label': 'Question'}), 1: ('wagtail.blocks.CharBlock', (), {'help_text': 'What the form asks instead; leave empty to keep the question as it is.', 'label': 'Label', 'max_length': 200, 'required': False}), 2: ('wagtail.blocks.CharBlock', (), {'help_text': "The line under the question; leave empty to keep the form's own hint, if any.", 'label': 'Hint', 'max_length': 300, 'required': False}), 3: ('wagtail.blocks.CharBlock', (), {'help_text': "For a question that needs an answer: what the form says when it is left empty (reword it with the label). Leave empty to keep the form's own.", 'label': 'Message when left empty', 'max_length': 200, 'required': False}), 4: ('wagtail.blocks.CharBlock', (), {'help_text': "What the form says when the answer is given but cannot be accepted (an email address, phone number or date written wrongly, a date in the past). Leave empty to keep the form's own, which say precisely what is wrong.", 'label': 'Message when not accepted', 'max_length': 200, 'required': False}), 5: ('wagtail.blocks.StructBlock', [[('question', 0), ('label', 1), ('help_text', 2), ('required_message', 3), ('wrong_answer_message', 4)]], {}), 6: ('wagtail.blocks.ChoiceBlock', [], {'choices': booking.blocks.answer_choices, 'help_text': "The answer, in the form's own wording, under its question.", 'label': 'Answer'}), 7: ('wagtail.blocks.CharBlock', (), {'help_text': 'What the form offers instead. Only the words change: requests keep the same answer, and staff see it as before.', 'label': 'Label', 'max_length': 200}), 8: ('wagtail.blocks.StructBlock', [[('answer', 6), ('label', 7)]], {})}, help_text='Reword any question of the form, its hint and its messages, or any answer of a multiple-choice question: choose the question or answer, then write what the form should say. What is not listed keeps its wording.', verbose_name="questions' wording"),
        ),
    ]

"""Terms in their author's order: a number on each post's tag and category row. Rows
stored before keep their id order until the post is saved or imported again."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0007_typeset_math"),
    ]

    operations = [
        migrations.AddField(
            model_name="categorizedpost",
            name="position",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="taggedpost",
            name="position",
            field=models.PositiveIntegerField(default=0),
        ),
    ]

"""Label every data cell of the published tables with its column's name
(``data-label``), as rendering now does, so that on a phone the launch
article's and pages' tables read as stacked cards.

A frozen copy of the labelling: a migration must not change when the live
code does.
"""

import html
import re

from django.db import migrations

TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
CELL = re.compile(r"<(t[hd])\b([^>]*)>", re.DOTALL)
HEADER = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def label_table(match: re.Match) -> str:
    inner = match[1]
    if "<thead>" not in inner or "data-label=" in inner:
        return match[0]
    head, _, rest = inner.partition("</thead>")
    columns = [
        html.escape(html.unescape(TAG.sub("", text)).strip())
        for text in HEADER.findall(head)
    ]

    def row(row_match: re.Match) -> str:
        cells = iter(range(len(columns)))

        def cell(cell_match: re.Match) -> str:
            index = next(cells, None)
            if cell_match[1] != "td" or index is None:
                return cell_match[0]
            return f'<td data-label="{columns[index]}"{cell_match[2]}>'

        return f"<tr>{CELL.sub(cell, row_match[1])}</tr>"

    return f"<table>{head}</thead>{ROW.sub(row, rest)}</table>"


def label(apps, schema_editor):
    for app_label, name in (("articles", "Article"), ("pages", "Page")):
        model = apps.get_model(app_label, name)
        for item in model.objects.filter(body_html__contains="<thead>"):
            labelled = TABLE.sub(label_table, item.body_html)
            if labelled != item.body_html:
                model.objects.filter(pk=item.pk).update(body_html=labelled)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0009_launch_leads_and_effective_date"),
        ("articles", "0013_article_authors"),
    ]

    operations = [migrations.RunPython(label, migrations.RunPython.noop)]

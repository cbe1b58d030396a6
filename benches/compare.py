"""The Python spreadsheet libraries on Ladder's team plan workbook, for `make bench`.

    compare.py WORKBOOK REPS

WORKBOOK is the team plan workbook Ladder exported (benches/scale.rs writes it). Its
cells are read once, untimed; then, REPS times each, the median wall-clock and CPU time
(this thread's) of:

- xlsxwriter: Python XlsxWriter writing the same workbook as Ladder's export: the same
  Instructions sheet, hidden Lists sheet, and Plan sheet with the same rows, cell formats,
  row heights, column widths, hidden id columns, Excel table, data validations (drop-downs,
  date checks, input messages), conditional format, frozen header, print settings and
  protection; the spare input rows below the data too. Standard mode: XlsxWriter's
  constant_memory mode does not support tables.
- openpyxl: the same workbook with openpyxl (standard mode; its write-only mode has no
  cell-by-cell styling of the kind used here).
- openpyxl_read: openpyxl.load_workbook(WORKBOOK, read_only=True), iterating every row of
  every sheet (values only): parsing alone, without any validation.

Prints one JSON object: {"versions": {...}, "rows": N, "<name>": {"wall_ms", "cpu_ms"}}.
"""

import datetime as dt
import io
import json
import math
import sys
import time

import openpyxl
import xlsxwriter
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

SPARE_ROWS = 100
HEADER_FILL = "1F3A5F"
ALERT_FILL = "F8D7DA"
ALERT_TEXT = "842029"
OVERDUE = 'AND($D2="open",$I2<>"",$J2="",$I2<TODAY())'

# The Plan sheet's columns as src/export/plan.rs writes them: header, width, kind, help.
# Kinds: list (a Lists column), choice (codes), wrap, text, date, id.
COLUMNS = [
    ("Person", 20.0, ("list", "A"), "The associate whose plan this is."),
    ("Competency", 20.0, ("list", "B"), "The one competency the goal builds."),
    (
        "Goal (outcome)",
        40.0,
        ("wrap",),
        "The outcome, e.g. Improve my ability to influence decisions across departments.",
    ),
    ("Goal status", 11.0, ("choice", ["open", "done", "dropped"]), "open, done or dropped."),
    ("Phase", 10.0, ("choice", ["learn", "practice", "feedback"]), "learn, practice or feedback."),
    ("Activity", 44.0, ("wrap",), "What the associate will do."),
    ("Resource", 24.0, ("text",), "The person, material or event that helps."),
    (
        "Resource kind",
        13.0,
        ("choice", ["person", "material", "event"]),
        "person, material or event.",
    ),
    ("Target date", 12.0, ("date",), "When it should be done (YYYY-MM-DD)."),
    ("Done on", 12.0, ("date",), "When it was done (YYYY-MM-DD); empty while open."),
    ("Notes", 30.0, ("wrap",), "Anything worth remembering."),
    ("Goal id", 10.0, ("id",), "Ladder's id of the goal."),
    ("Activity id", 10.0, ("id",), "Ladder's id of the activity."),
]
LIST_ERROR = "Pick one from the list; add new ones in Ladder first."
DATE_ERROR = "Type a date as YYYY-MM-DD, between 1900 and 2100."
FOOTER = "&L&A&RPage &P of &N"


def row_height(row):
    """As sheet::row_height: 15 points per line of the longest wrapped cell."""
    lines = 1
    for value, (_, width, kind, _) in zip(row, COLUMNS):
        if kind[0] != "wrap":
            continue
        text = value if isinstance(value, str) else ""
        per_line = max(int(width * 1.1), 8)
        n = sum(max(math.ceil(len(l) / per_line), 1) for l in text.split("\n"))
        lines = max(lines, n)
    return 15.0 * lines


def read_data(path):
    """The workbook's cells by sheet (untimed), and each data row's height."""
    wb = openpyxl.load_workbook(path, read_only=True)
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}
    wb.close()
    headers = [h for (h, _, _, _) in COLUMNS]
    if sheets["Plan"][0][: len(headers)] != headers:
        sys.exit(f"the Plan sheet's columns changed: {sheets['Plan'][0]}; update COLUMNS")
    plan = [r + [None] * (len(COLUMNS) - len(r)) for r in sheets["Plan"][1:]]
    # Only the data rows, not the spare rows (which are empty).
    while plan and all(v is None for v in plan[-1]):
        plan.pop()
    instructions = [r[0] for r in sheets["Instructions"] if r and r[0] is not None]
    lists = sheets["Lists"]
    columns = []
    for c in range(len(lists[0])):
        values = [r[c] for r in lists[1:] if c < len(r) and r[c] is not None]
        columns.append((lists[0][c], values))
    heights = [row_height(r) for r in plan]
    return {"plan": plan, "heights": heights, "instructions": instructions, "lists": columns}


def list_ref(letter, values):
    return f"=Lists!${letter}$2:${letter}${max(len(values), 1) + 1}"


def with_xlsxwriter(d):
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties(
        {
            "title": "Development plan",
            "subject": "Learn–Practice–Feedback development plan",
            "author": "Ladder",
            "company": "Ladder",
            "keywords": "development, Ladder",
        }
    )
    base = {"valign": "top"}
    header = wb.add_format(
        {"bold": True, "bg_color": "#" + HEADER_FILL, "font_color": "white", "bottom": 1}
    )
    fmt = {
        "text": wb.add_format({**base, "locked": False}),
        "list": None,
        "choice": None,
        "wrap": wb.add_format({**base, "locked": False, "text_wrap": True}),
        "date": wb.add_format({**base, "locked": False, "num_format": "yyyy-mm-dd"}),
        "id": wb.add_format({**base, "hidden": True, "font_color": "gray"}),
    }
    fmt["list"] = fmt["choice"] = fmt["text"]
    title = wb.add_format({"bold": True, "font_size": 16})
    plain = wb.add_format({**base, "text_wrap": True})
    alert = wb.add_format({"bg_color": "#" + ALERT_FILL, "font_color": "#" + ALERT_TEXT})

    ins = wb.add_worksheet("Instructions")
    ins.set_column(0, 0, 100)
    ins.write_string(0, 0, d["instructions"][0], title)
    for row, p in enumerate(d["instructions"][1:], start=2):
        ins.write_string(row, 0, p, plain)
        ins.set_row(row, 15.0 * sum(max(math.ceil(len(l) / 110), 1) for l in p.split("\n")))
    ins.set_landscape()
    ins.set_paper(9)
    ins.fit_to_pages(1, 0)
    ins.set_footer(FOOTER)

    lists = wb.add_worksheet("Lists")
    refs = []
    for c, (name, values) in enumerate(d["lists"]):
        lists.write_string(0, c, name)
        for i, v in enumerate(values):
            lists.write_string(i + 1, c, v)
        refs.append(list_ref(chr(ord("A") + c), values))
    lists.hide()
    lists.protect()

    ws = wb.add_worksheet("Plan")
    plan = d["plan"]
    last = max(len(plan) + SPARE_ROWS, 1)
    formats = [fmt[kind[0]] for (_, _, kind, _) in COLUMNS]
    for c, (_, width, kind, _) in enumerate(COLUMNS):
        ws.set_column(c, c, width, None, {"hidden": kind[0] == "id"})
    ws.add_table(
        0,
        0,
        last,
        len(COLUMNS) - 1,
        {
            "name": "DevelopmentPlan",
            "style": "Table Style Light 9",
            "columns": [{"header": h, "header_format": header} for (h, _, _, _) in COLUMNS],
        },
    )
    for r, (row, height) in enumerate(zip(plan, d["heights"]), start=1):
        for c, value in enumerate(row):
            f = formats[c]
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, f)
            elif value is None or value == "":
                ws.write_blank(r, c, None, f)
            else:
                ws.write_string(r, c, str(value), f)
        ws.set_row(r, height)
    for r in range(len(plan) + 1, last + 1):
        for c in range(len(COLUMNS)):
            ws.write_blank(r, c, None, formats[c])
    for c, (h, _, kind, help_text) in enumerate(COLUMNS):
        if kind[0] == "list":
            v = {"validate": "list", "source": refs[0 if kind[1] == "A" else 1], "error_message": LIST_ERROR}
        elif kind[0] == "choice":
            v = {"validate": "list", "source": kind[1], "error_message": f"Pick one of: {', '.join(kind[1])}."}
        elif kind[0] == "date":
            v = {
                "validate": "date",
                "criteria": "between",
                "minimum": dt.date(1900, 1, 1),
                "maximum": dt.date(2100, 12, 31),
                "error_title": "Not a date",
                "error_message": DATE_ERROR,
            }
        else:
            continue
        v.update({"input_title": h, "input_message": help_text})
        ws.data_validation(1, c, last, c, v)
    ws.conditional_format(1, 0, last, 10, {"type": "formula", "criteria": "=" + OVERDUE, "format": alert})
    ws.freeze_panes(1, 0)
    ws.repeat_rows(0, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.hide_gridlines(0)  # gridlines shown and printed
    ws.set_footer(FOOTER)
    ws.protect("", {"format_columns": True, "format_rows": True, "autofilter": True, "sort": True})
    ws.activate()
    wb.close()
    return buf.getvalue()


def with_openpyxl(d):
    wb = openpyxl.Workbook()
    wb.properties.title = "Development plan"
    wb.properties.subject = "Learn–Practice–Feedback development plan"
    wb.properties.creator = "Ladder"
    wb.properties.keywords = "development, Ladder"
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    unlocked = Protection(locked=False)
    locked_hidden = Protection(locked=True, hidden=True)
    gray = Font(color="808080")
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    header_border = Border(bottom=Side(style="thin"))

    ins = wb.active
    ins.title = "Instructions"
    ins.column_dimensions["A"].width = 100
    ins.cell(1, 1, d["instructions"][0]).font = Font(bold=True, size=16)
    for row, p in enumerate(d["instructions"][1:], start=3):
        cell = ins.cell(row, 1, p)
        cell.alignment = wrap
        ins.row_dimensions[row].height = 15.0 * sum(
            max(math.ceil(len(l) / 110), 1) for l in p.split("\n")
        )
    for sheet in (ins,):
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = 9
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToHeight = 0
        sheet.oddFooter.left.text = "&A"
        sheet.oddFooter.right.text = "Page &P of &N"

    lists = wb.create_sheet("Lists")
    refs = []
    for c, (name, values) in enumerate(d["lists"], start=1):
        lists.cell(1, c, name)
        for i, v in enumerate(values, start=2):
            lists.cell(i, c, v)
        refs.append(list_ref(get_column_letter(c), values))
    lists.sheet_state = "hidden"
    lists.protection.sheet = True

    ws = wb.create_sheet("Plan")
    plan = d["plan"]
    last = max(len(plan) + SPARE_ROWS, 1) + 1  # 1-based
    for c, (h, width, kind, _) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = width
        if kind[0] == "id":
            ws.column_dimensions[letter].hidden = True
        cell = ws.cell(1, c, h)
        cell.font = header_font
        cell.fill = header_fill
        cell.border = header_border
    styles = []
    for _, _, kind, _ in COLUMNS:
        k = kind[0]
        styles.append(
            {
                "alignment": wrap if k == "wrap" else top,
                "protection": locked_hidden if k == "id" else unlocked,
                "font": gray if k == "id" else None,
                "number_format": "yyyy-mm-dd" if k == "date" else None,
            }
        )

    def style(cell, s):
        cell.alignment = s["alignment"]
        cell.protection = s["protection"]
        if s["font"] is not None:
            cell.font = s["font"]
        if s["number_format"] is not None:
            cell.number_format = s["number_format"]

    for r, (row, height) in enumerate(zip(plan, d["heights"]), start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c, None if value == "" else value)
            style(cell, styles[c - 1])
        ws.row_dimensions[r].height = height
    for r in range(len(plan) + 2, last + 1):
        for c in range(1, len(COLUMNS) + 1):
            style(ws.cell(r, c), styles[c - 1])
    table = Table(displayName="DevelopmentPlan", ref=f"A1:{get_column_letter(len(COLUMNS))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    for c, (h, _, kind, help_text) in enumerate(COLUMNS, start=1):
        if kind[0] == "list":
            v = DataValidation(type="list", formula1=refs[0 if kind[1] == "A" else 1][1:], error=LIST_ERROR)
        elif kind[0] == "choice":
            v = DataValidation(
                type="list",
                formula1='"' + ",".join(kind[1]) + '"',
                error=f"Pick one of: {', '.join(kind[1])}.",
            )
        elif kind[0] == "date":
            v = DataValidation(
                type="date",
                operator="between",
                formula1="1",  # 1900-01-01
                formula2="73415",  # 2100-12-31
                errorTitle="Not a date",
                error=DATE_ERROR,
            )
        else:
            continue
        v.showErrorMessage = True
        v.showInputMessage = True
        v.promptTitle = h
        v.prompt = help_text
        letter = get_column_letter(c)
        v.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(v)
    ws.conditional_formatting.add(
        f"A2:K{last}",
        FormulaRule(
            formula=[OVERDUE],
            font=Font(color=ALERT_TEXT),
            fill=PatternFill(bgColor=ALERT_FILL, fill_type="solid"),
        ),
    )
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = True
    ws.oddFooter.left.text = "&A"
    ws.oddFooter.right.text = "Page &P of &N"
    p = ws.protection
    p.sheet = True
    p.formatColumns = False
    p.formatRows = False
    p.autoFilter = False
    p.sort = False
    wb.active = wb.index(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read_openpyxl(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    n = 0
    for ws in wb:
        for row in ws.iter_rows(values_only=True):
            n += len(row)
    wb.close()
    return n


def median(reps, f):
    walls, cpus = [], []
    for _ in range(max(reps, 1)):
        t, c = time.perf_counter(), time.thread_time()
        f()
        walls.append(time.perf_counter() - t)
        cpus.append(time.thread_time() - c)
    # As scale.rs: the upper median of an even count.
    walls.sort()
    cpus.sort()
    return {"wall_ms": walls[len(walls) // 2] * 1000.0, "cpu_ms": cpus[len(cpus) // 2] * 1000.0}


def main():
    path, reps = sys.argv[1], int(sys.argv[2])
    d = read_data(path)
    out = {
        "versions": {
            "python": sys.version.split()[0],
            "xlsxwriter": xlsxwriter.__version__,
            "openpyxl": openpyxl.__version__,
        },
        "rows": len(d["plan"]),
        "xlsxwriter": median(reps, lambda: with_xlsxwriter(d)),
        "openpyxl": median(reps, lambda: with_openpyxl(d)),
        "openpyxl_read": median(reps, lambda: read_openpyxl(path)),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()

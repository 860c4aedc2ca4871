#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz harnesses in a scratch directory (scripts/fuzz calls it).

Nothing here is stored in the repository: file seeds come from Tests/Fixtures by extension, small
spreadsheets are generated (the fixtures hold one large XLSX and no ODS), and query and SQL seeds are
the string literals of the existing tests.
"""
import json
import re
import shutil
import sys
import zipfile
from pathlib import Path

root = Path(sys.argv[1])
out = Path(sys.argv[2])
fixtures = root / "Tests" / "Fixtures"


def fresh(name):
    d = out / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    return d


def copy_by_extension(d, extensions, max_size):
    n = 0
    for f in sorted(fixtures.rglob("*")):
        if f.is_file() and f.suffix.lower() in extensions and f.stat().st_size <= max_size:
            n += 1
            shutil.copyfile(f, d / f"{n:03d}-{f.name}")
    return n


def write_zip(path, entries, stored_only):
    with zipfile.ZipFile(path, "w") as z:
        for name, text in entries:
            method = zipfile.ZIP_STORED if stored_only or name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(zipfile.ZipInfo(name), text, compress_type=method)


NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(path, rows, shared, stored_only):
    sheet = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><dimension ref="A1:D4"/><sheetData>{rows}</sheetData></worksheet>'
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><workbookPr date1904="0"/><sheets>'
                '<sheet name="Feuille 1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>')
    sst = "".join(f"<si><t>{s}</t></si>" for s in shared) + '<si><r><t>riche </t></r><r><t xml:space="preserve"> texte</t></r></si>'
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
              '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>')
    write_zip(path, [
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", rels),
        ("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{len(shared) + 1}">{sst}</sst>'),
        ("xl/styles.xml", styles),
        ("xl/worksheets/sheet1.xml", sheet),
    ], stored_only)


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods(path, rows, stored_only):
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.3"><office:body>'
               f'<office:spreadsheet><table:table table:name="Feuille1"><table:table-column table:number-columns-repeated="4"/>'
               f'{rows}</table:table></office:spreadsheet></office:body></office:document-content>')
    write_zip(path, [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content)], stored_only)


def spreadsheets(d):
    shared = ["code_insee", "commune", "population", "date", "75056", "Paris", "Lyon &amp; co"]
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
            '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2"><v>2133111</v></c><c r="D2" s="1"><v>45292</v></c></row>'
            '<row r="3"><c r="A3" t="inlineStr"><is><t>69123</t></is></c><c r="B3" t="s"><v>6</v></c><c r="C3"><v>5.2E5</v></c><c r="D3" s="2"><v>45292.5</v></c></row>'
            '<row r="5"><c r="A5" t="b"><v>1</v></c><c r="C5" t="e"><v>#DIV/0!</v></c><c r="D5" t="str"><f>A1</f><v>x</v></c><c r="B5" t="s"><v>7</v></c></row>')
    for stored in (True, False):
        xlsx(d / f"communes-{'stored' if stored else 'deflated'}.xlsx", rows, shared, stored)
    cell = lambda attrs, text="": f"<table:table-cell {attrs}><text:p>{text}</text:p></table:table-cell>"
    rows = ("<table:table-row>" + cell('office:value-type="string"', "code") + cell('office:value-type="string"', "nom")
            + cell('office:value-type="string"', "montant") + cell('office:value-type="string"', "date") + "</table:table-row>"
            + "<table:table-row>" + cell('office:value-type="string"', "75056") + cell('office:value-type="string"', "Paris<text:s text:c=\"2\"/>centre")
            + cell('office:value-type="float" office:value="1234.5"', "1 234,50") + cell('office:value-type="date" office:date-value="2024-01-31"', "31/01/2024") + "</table:table-row>"
            + '<table:table-row table:number-rows-repeated="2">' + cell('office:value-type="percentage" office:value="0.25"', "25 %")
            + cell('table:number-columns-repeated="2" office:value-type="boolean" office:boolean-value="true"', "VRAI")
            + cell('office:value-type="time" office:time-value="PT12H30M00S"', "12:30") + "</table:table-row>"
            + '<table:table-row><table:covered-table-cell/>' + cell('table:number-columns-spanned="2" office:value-type="currency" office:value="3" office:currency="EUR"', "3 €")
            + "<table:table-cell/></table:table-row>"
            + '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    for stored in (True, False):
        ods(d / f"budget-{'stored' if stored else 'deflated'}.ods", rows, stored)
    return 4 + copy_by_extension(d, {".xlsx", ".ods"}, 1 << 20)


def json_seeds(d):
    n = copy_by_extension(d, {".json", ".geojson", ".ndjson", ".jsonl"}, 1 << 20)
    # NDJSON: the small JSON fixtures, one compact document per line.
    lines = []
    for f in sorted(fixtures.rglob("*.json")):
        if f.stat().st_size <= 4096:
            try:
                lines.append(json.dumps(json.loads(f.read_text(encoding="utf-8")), ensure_ascii=False))
            except ValueError:
                pass
    (d / "sensors.ndjson").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (d / "records.ndjson").write_text('{"code": "75056", "n": 1, "ok": true, "d": "2024-01-31"}\n'
                                      '{"code": "69123", "n": 2.5, "ok": null, "extra": {"a": [1, 2]}}\n', encoding="utf-8")
    return n + 2


# A Swift string literal (not raw, not multi-line), and the argument label before it.
LITERAL = re.compile(r'(\w+):\s*"((?:[^"\\\n]|\\.)*)"|"((?:[^"\\\n]|\\.)*)"')


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t", "0": "\0"}.get(m.group(1), m.group(1)), s)


def where_seeds(d):
    order = ["filter", "select", "groupBy", "orderBy", "refine", "exclude", "cursor"]
    seeds = set()
    for f in sorted((root / "Tests" / "SocleQueryTests").glob("*.swift")):
        for line in f.read_text(encoding="utf-8").splitlines():
            named = {m.group(1): unescape(m.group(2)) for m in LITERAL.finditer(line) if m.group(1) in order}
            if named:
                seeds.add("\n".join(named.get(k, "") for k in order).rstrip("\n"))
    for i, s in enumerate(sorted(seeds)):
        (d / f"{i:03d}.txt").write_text(s, encoding="utf-8")
    return len(seeds)


def sql_seeds(d):
    starts = re.compile(r"^\s*(select|with|explain|pragma|attach|insert|update|delete|drop|vacuum)\b", re.I)
    seeds = set()
    for f in sorted((root / "Tests").rglob("*.swift")):
        text = f.read_text(encoding="utf-8")
        if "SQLGuard" not in text and "datastore_search_sql" not in text:
            continue
        for m in LITERAL.finditer(text):
            s = unescape(m.group(2) if m.group(2) is not None else m.group(3))
            if starts.match(s):
                seeds.add(s)
    for i, s in enumerate(sorted(seeds)):
        (d / f"{i:03d}.sql").write_text(s, encoding="utf-8")
    return len(seeds)


counts = {
    "FuzzCSV": copy_by_extension(fresh("FuzzCSV"), {".csv", ".tsv", ".txt"}, 1 << 20),
    "FuzzSpreadsheet": spreadsheets(fresh("FuzzSpreadsheet")),
    "FuzzJSON": json_seeds(fresh("FuzzJSON")),
    "FuzzWhere": where_seeds(fresh("FuzzWhere")),
    "FuzzSQLGuard": sql_seeds(fresh("FuzzSQLGuard")),
}
for name, n in counts.items():
    print(f"{name}: {n} seeds")

#!/usr/bin/env python3
"""Builds the header-detection fixtures from the SCDL subventions example (see README.md).

Writes a flat OpenDocument spreadsheet (subventions_antibes.fods) the way a département's
office suite lays out a published report (title block, merged group headers, totals and a
source line; a two-level header; a report pasted twice), then LibreOffice converts it:
    soffice --headless --convert-to xlsx subventions_antibes.fods
    soffice --headless --convert-to ods subventions_antibes.fods
and a Windows-1252 CSV the way a finance package exports it (two title lines, a blank line,
a "Total" footer). Standard library only.
"""
import csv
import os
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "exemple_valide.csv")
rows = list(csv.DictReader(open(SOURCE, encoding="utf-8")))


def cell(value=None, span=1, down=1, kind=None):
    attrs = []
    if span > 1:
        attrs.append(f'table:number-columns-spanned="{span}"')
    if down > 1:
        attrs.append(f'table:number-rows-spanned="{down}"')
    if value is None:
        body = ""
    elif kind == "float":
        attrs.append(f'office:value-type="float" office:value="{value}" table:style-name="montant"')
        body = f"<text:p>{value}</text:p>"
    elif kind == "date":
        attrs.append(f'office:value-type="date" office:date-value="{value}" table:style-name="date"')
        y, m, d = value.split("-")
        body = f"<text:p>{d}/{m}/{y}</text:p>"
    else:
        attrs.append('office:value-type="string"')
        body = f"<text:p>{escape(str(value))}</text:p>"
    out = f'<table:table-cell {" ".join(attrs)}>{body}</table:table-cell>'
    out += "<table:covered-table-cell/>" * (span - 1)
    return out


def row(*cells):
    return "<table:table-row>" + "".join(cells) + "</table:table-row>"



def formula_total(col, first, last, total):
    return (f'<table:table-cell table:formula="of:=SUM([.{col}{first}:.{col}{last}])" office:value-type="float" '
            f'office:value="{total}" table:style-name="montant"><text:p>{total}</text:p></table:table-cell>')


LABELS = ["Nom de l'attribuant", "SIRET de l'attribuant", "Nom du bénéficiaire", "SIRET du bénéficiaire",
          "N° RNA du bénéficiaire", "Date de la convention", "Objet", "Montant (€)"]


def data_cells(r):
    return [cell(r["nomAttribuant"]), cell(r["idAttribuant"]), cell(r["nomBeneficiaire"].strip()),
            cell(r["idBeneficiaire"] or None), cell(r["rnaBeneficiaire"] or None),
            cell(r["dateConvention"], kind="date"), cell(r["objet"]), cell(r["montant"], kind="float")]


def sheet_title_block():
    out = [row(cell("Ville d'Antibes Juan-les-Pins — Subventions versées aux associations", span=8)),
           row(cell("Exercice 2017 — montants en euros", span=8)),
           row(),
           row(cell("Informations relatives à l'attribuant", span=2), cell("Informations relatives au bénéficiaire", span=3),
               cell("Informations relatives à la subvention", span=3)),
           row(*[cell(l) for l in LABELS])]
    for r in rows:
        out.append(row(*data_cells(r)))
    first, last = 6, 5 + len(rows)
    total = round(sum(float(r["montant"]) for r in rows), 2)
    out.append(row())
    out.append(row(cell("TOTAL GÉNÉRAL"), *[cell()] * 6, formula_total("H", first, last, total)))
    out.append(row(cell("Source : Ville d'Antibes, direction des finances — données essentielles des conventions "
                        "de subvention (décret n° 2017-779)", span=8)))
    return out


def sheet_two_levels():
    groups = {}
    for r in rows:
        year = int(r["dateConvention"][:4])
        kind = "both" if "nature" in r["nature"] else "cash"
        n, s = groups.get((year, kind), (0, 0.0))
        groups[(year, kind)] = (n + 1, s + float(r["montant"]))
    out = [row(cell("Subventions par année de convention et par nature de l'aide", span=5)),
           row(),
           row(cell("Année de la convention", down=2), cell("Aide en numéraire", span=2),
               cell("Aide en numéraire et en nature", span=2)),
           row("<table:covered-table-cell/>", cell("Nombre"), cell("Montant"), cell("Nombre"), cell("Montant"))]
    for year in sorted({y for y, _ in groups}):
        c = groups.get((year, "cash"), (0, 0.0))
        b = groups.get((year, "both"), (0, 0.0))
        out.append(row(cell(year, kind="float"), cell(c[0], kind="float"), cell(round(c[1], 2), kind="float"),
                       cell(b[0], kind="float"), cell(round(b[1], 2), kind="float")))
    return out


def sheet_pasted():
    out = []
    for page, chunk in enumerate([rows[:10], rows[10:20]], start=1):
        out.append(row(cell(f"Subventions 2017 — page {page}", span=4)))
        out.append(row(cell("Bénéficiaire"), cell("SIRET"), cell("Date de la convention"), cell("Montant")))
        for r in chunk:
            out.append(row(cell(r["nomBeneficiaire"].strip()), cell(r["idBeneficiaire"] or None),
                           cell(r["dateConvention"], kind="date"), cell(r["montant"], kind="float")))
        total = round(sum(float(r["montant"]) for r in chunk), 2)
        out.append(row(cell("Total"), cell(), cell(), cell(total, kind="float")))
        out.append(row())
    return out


def table(name, rows_xml):
    return f'<table:table table:name="{escape(name)}">' + "".join(rows_xml) + "</table:table>"


def write_fods(path):
    head = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:date-style style:name="N37"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
<number:number-style style:name="N4"><number:number number:decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:number-style>
<style:style style:name="date" style:family="table-cell" style:data-style-name="N37"/>
<style:style style:name="montant" style:family="table-cell" style:data-style-name="N4"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
"""
    body = (table("Subventions 2017", sheet_title_block()) + table("Par année", sheet_two_levels())
            + table("Rapport collé", sheet_pasted()))
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + body + "\n</office:spreadsheet></office:body></office:document>\n")


def french_amount(v):
    whole, _, frac = f"{float(v):.2f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return " ".join(groups) + "," + frac


def write_csv(path):
    lines = ["VILLE D'ANTIBES JUAN-LES-PINS;;;;;",
             "Etat des subventions versées aux associations - Exercice 2017 (édité le 15/03/2018);;;;;",
             ";;;;;",
             "Bénéficiaire;N° SIRET;Date convention;Objet;Nature de l'aide;Montant"]
    for r in rows:
        y, m, d = r["dateConvention"].split("-")
        lines.append(";".join([r["nomBeneficiaire"].strip(), r["idBeneficiaire"], f"{d}/{m}/{y}", r["objet"],
                               r["nature"].replace(";", " et "), french_amount(r["montant"])]))
    lines.append(";;;;;")
    lines.append("Total;;;;;" + french_amount(sum(float(r["montant"]) for r in rows)))
    with open(path, "wb") as f:
        f.write(("\r\n".join(lines) + "\r\n").encode("cp1252"))


if __name__ == "__main__":
    write_fods(os.path.join(HERE, "subventions_antibes.fods"))
    write_csv(os.path.join(HERE, "etat_subventions_finances.csv"))
    print("written; now run soffice --headless --convert-to xlsx/ods subventions_antibes.fods", file=sys.stderr)

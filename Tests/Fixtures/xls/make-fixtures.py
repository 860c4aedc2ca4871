#!/usr/bin/python3
"""Writes the .xls fixtures of this folder with LibreOffice Calc (its "MS Excel 97" filter, a BIFF8
writer), from real corpus files. Run with the system Python that has LibreOffice's `uno` module:

    soffice --headless --invisible --accept='socket,host=127.0.0.1,port=2083;urp;' &
    /usr/bin/python3 Tests/Fixtures/xls/make-fixtures.py Tests/Fixtures/xls

Sources (copied from ../../shared/corpus, see Tests/Fixtures/SOURCES.md):
- real_csv/rne_elus/elus-deputes-dep.csv   (RNE, deputies: accents, dd/mm/yyyy dates, codes with zeros)
- real_csv/insee_cog/commune_2022.csv      (INSEE COG 2022: 37,600 communes, names with Œ/œ, 2A/2B)
"""
import csv, datetime, os, sys, time
import uno
from com.sun.star.beans import PropertyValue

OUT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

def connect():
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(60):
        try:
            ctx = resolver.resolve("uno:socket,host=127.0.0.1,port=2083;urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            time.sleep(1)
    raise SystemExit("soffice is not listening")

def serial(ddmmyyyy):
    d = datetime.datetime.strptime(ddmmyyyy, "%d/%m/%Y").date()
    return float((d - datetime.date(1899, 12, 30)).days)

def fmt(doc, code):
    formats = doc.getNumberFormats()
    locale = uno.createUnoStruct("com.sun.star.lang.Locale")
    key = formats.queryKey(code, locale, False)
    return key if key != -1 else formats.addNew(code, locale)

def fill(sheet, rows):
    width = max(len(r) for r in rows)
    rows = [tuple(r) + ("",) * (width - len(r)) for r in rows]
    sheet.getCellRangeByPosition(0, 0, width - 1, len(rows) - 1).setDataArray(tuple(rows))

def read(path, delimiter):
    with open(os.path.join(ROOT, "Tests/Fixtures", path), encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter=delimiter))

def workbook(desktop):
    doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (prop("Hidden", True),))
    sheets = doc.getSheets()
    # 1. Deputies: text codes (leading zeros), names with accents, real dates with a date format.
    dep = sheets.getByIndex(0)
    dep.setName("Députés")
    rows = read("real_csv/rne_elus/elus-deputes-dep.csv", ";")
    dates = [i for i, h in enumerate(rows[0]) if h.startswith("Date")]
    out = [tuple(rows[0])]
    for r in rows[1:]:
        out.append(tuple(serial(v) if i in dates and v else v for i, v in enumerate(r)))
    fill(dep, out)
    for c in dates:
        dep.getCellRangeByPosition(c, 1, c, len(out) - 1).NumberFormat = fmt(doc, "DD/MM/YYYY")

    # 2. Communes: a long shared-string table (many CONTINUE records, Latin-1 and wider characters).
    sheets.insertNewByName("Communes", 1)
    rows = read("real_csv/insee_cog/commune_2022.csv", ",")
    keep = [rows[0]] + [r for r in rows[1:] if r[0] == "COM"][:3000]
    fill(sheets.getByName("Communes"), [tuple(r) for r in keep])

    # 3. Calculations: numbers (integers, decimals, large), formulas with cached number, text,
    #    boolean and error results, a datetime, an empty string result.
    sheets.insertNewByName("Calculs", 2)
    calc = sheets.getByName("Calculs")
    fill(calc, [("libellé", "montant", "part", "résultat", "horodatage", "ok")])
    data = [("Investissement", 1250000, 0.25), ("Fonctionnement", 3749999.5, 0.75),
            ("Subvention €", -1234.56, 0), ("Énergie œuvre", 12.34, 0.5), ("Total", 5000000, 1)]
    for i, (label, amount, share) in enumerate(data, start=1):
        calc.getCellByPosition(0, i).setString(label)
        calc.getCellByPosition(1, i).setValue(amount)
        calc.getCellByPosition(2, i).setValue(share)
    calc.getCellByPosition(3, 1).setFormula("=B2/C2")          # 5000000
    calc.getCellByPosition(3, 2).setFormula("=B3/C4")          # #DIV/0!
    calc.getCellByPosition(3, 3).setFormula("=A4&\" (\"&B4&\")\"")  # text result
    calc.getCellByPosition(3, 4).setFormula("=NA()")           # #N/A
    calc.getCellByPosition(3, 5).setFormula("=B6>1000")        # boolean
    calc.getCellByPosition(4, 1).setValue(45678.5)
    calc.getCellByPosition(4, 1).NumberFormat = fmt(doc, "DD/MM/YYYY HH:MM:SS")
    calc.getCellByPosition(5, 1).setFormula("=TRUE()")
    calc.getCellByPosition(5, 2).setFormula("=FALSE()")
    return doc

def store(doc, name, extra=()):
    url = uno.systemPathToFileUrl(os.path.join(OUT, name))
    doc.storeToURL(url, (prop("FilterName", "MS Excel 97"), prop("Overwrite", True)) + tuple(extra))

desktop = connect()
doc = workbook(desktop)
store(doc, "classeur-collectivite.xls")
store(doc, "classeur-protege.xls", (prop("Password", "secret"),))
doc.close(True)

#!/usr/bin/python3
"""Writes the same generated table as an .xls (BIFF8) and an .xlsx with LibreOffice Calc, for bench/xls.

usage: /usr/bin/python3 generate.py ROWS OUT_DIR PORT   (soffice must listen on PORT, see run.sh)
Columns: commune code (text, leading zeros), commune name (accents), date (a real date with a
DD/MM/YYYY format), integer amount, decimal rate, label from a small set (shared strings).
Deterministic (seeded) so every run measures the same bytes.
"""
import datetime, os, random, sys, time
import uno
from com.sun.star.beans import PropertyValue

rows, out, port = int(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
rng = random.Random(13)
names = ["L'Abergement-Clémenciat", "Saint-Étienne", "Bœurs-en-Othe", "Évry-Courcouronnes", "Châlons-en-Champagne",
         "L'Haÿ-les-Roses", "Île-d'Aix", "Ajaccio", "Bastia", "Vire Normandie"]
labels = ["Subvention de fonctionnement", "Subvention d'investissement", "Aide exceptionnelle", "Prix", "Bourse"]
base = datetime.date(2019, 1, 1)
data = [("code_commune", "commune", "date_decision", "montant", "taux", "nature")]
for i in range(rows):
    d = base + datetime.timedelta(days=rng.randrange(0, 2000))
    data.append((f"{rng.randrange(1, 95):02d}{rng.randrange(1, 999):03d}", names[i % len(names)],
                 float((d - datetime.date(1899, 12, 30)).days), float(rng.randrange(100, 500000)),
                 round(rng.random(), 4), labels[rng.randrange(len(labels))]))

def prop(n, v):
    p = PropertyValue(); p.Name = n; p.Value = v; return p

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(60):
    try:
        ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"); break
    except Exception:
        time.sleep(1)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (prop("Hidden", True),))
sheet = doc.getSheets().getByIndex(0)
sheet.setName("Aides")
for start in range(0, len(data), 10000):
    chunk = data[start:start + 10000]
    sheet.getCellRangeByPosition(0, start, 5, start + len(chunk) - 1).setDataArray(tuple(chunk))
formats = doc.getNumberFormats()
locale = uno.createUnoStruct("com.sun.star.lang.Locale")
key = formats.queryKey("DD/MM/YYYY", locale, False)
sheet.getCellRangeByPosition(2, 1, 2, rows).NumberFormat = key if key != -1 else formats.addNew("DD/MM/YYYY", locale)
for ext, flt in (("xls", "MS Excel 97"), ("xlsx", "Calc MS Excel 2007 XML")):
    doc.storeToURL(uno.systemPathToFileUrl(os.path.join(out, f"aides-{rows}.{ext}")),
                   (prop("FilterName", flt), prop("Overwrite", True)))
doc.close(True)

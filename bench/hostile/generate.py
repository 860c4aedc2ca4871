#!/usr/bin/env python3
"""Builds the hostile files of issue 10, finding 2, in OUT (argument): each one is small on disk and
designed to exhaust memory or time when read naively. Generated here, never committed."""
import os, sys, zipfile, zlib

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class Repeat:
    """A file-like object yielding head + body * n + tail without holding it in memory."""
    def __init__(self, head, body, n, tail):
        self.parts = [head, body, n, tail]

    def chunks(self):
        head, body, n, tail = self.parts
        yield head
        block = body * max(1, (1 << 20) // len(body))
        written = 0
        while written + len(block) <= n * len(body):
            yield block
            written += len(block)
        rest = n * len(body) - written
        if rest:
            yield (body * (rest // len(body) + 1))[:rest]
        yield tail


def deflated_entry(z, name, chunks):
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w", force_zip64=True) as f:
        for c in chunks:
            f.write(c)


def workbook(path, sheet_chunks, shared_chunks=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {NS}><sheets><sheet name="Feuil1" sheetId="1" r:id="s1"/></sheets></workbook>')
        rels = f'<Relationship Id="s1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared_chunks is not None:
            rels += f'<Relationship Id="ss" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        deflated_entry(z, "xl/worksheets/sheet1.xml", sheet_chunks)
        if shared_chunks is not None:
            deflated_entry(z, "xl/sharedStrings.xml", shared_chunks)


GiB = 1 << 30
head = f'<?xml version="1.0"?><worksheet {NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>nom</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>'.encode()
tail = b"</t></is></c></row></sheetData></worksheet>"
# 1. One inline cell that inflates to 3 GiB (the file is about 3 MB).
workbook(f"{out}/cellule-3gio.xlsx", Repeat(head, b"a", 3 * GiB, tail).chunks())
# 2. A shared-strings table that inflates to 3 GiB.
sheet = f'<?xml version="1.0"?><worksheet {NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'.encode()
workbook(f"{out}/partages-3gio.xlsx", iter([sheet]),
         Repeat(f'<?xml version="1.0"?><sst {NS}><si><t>'.encode(), b"b", 3 * GiB, b"</t></si></sst>").chunks())
# 3. A CSV with 1,000,000 columns.
with open(f"{out}/colonnes-1m.csv", "w") as f:
    f.write(";".join(f"c{i}" for i in range(1_000_000)) + "\n")
    f.write(";".join("1" for _ in range(1_000_000)) + "\n")
# 4. A JSON whose one string is 900 MB.
with open(f"{out}/chaine-900mo.json", "wb") as f:
    for c in Repeat(b'[{"nom": "', b"x", 900_000_000, b'"}]').chunks():
        f.write(c)
for name in sorted(os.listdir(out)):
    print(f"{name}\t{os.path.getsize(os.path.join(out, name))}")

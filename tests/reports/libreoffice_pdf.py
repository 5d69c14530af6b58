"""Open a Word file in LibreOffice (headless) and save it as PDF twice: as it opens, and
after updating its indexes, as Word does when it opens a file that asks for it
(`updateFields`). Run by Debian's python3 (python3-uno), not by the test suite's Python:

    python3 tests/reports/libreoffice_pdf.py REPORT.docx AS_OPENED.pdf UPDATED.pdf PROFILE_DIR

Prints how many indexes (tables of contents) LibreOffice found in the file.
"""

import subprocess
import sys
import time

import uno  # Debian's python3-uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(source, as_opened, updated, profile):
    pipe = "aktiv" + str(abs(hash(profile)))
    office = subprocess.Popen(
        ["soffice", "--headless", "--norestore", "--invisible", "--nologo",
         f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        context = None
        for _attempt in range(240):  # at most two minutes on a busy machine
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.5)
        if context is None:
            sys.exit("LibreOffice did not start")
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),)
        )
        pdf = (prop("FilterName", "writer_pdf_Export"),)
        document.storeToURL(uno.systemPathToFileUrl(as_opened), pdf)
        indexes = document.getDocumentIndexes()
        found = indexes.getCount()
        for i in range(found):
            indexes.getByIndex(i).update()
        document.refresh()
        document.storeToURL(uno.systemPathToFileUrl(updated), pdf)
        sys.stdout.write(f"{found}\n")  # the answer tests/reports/test_word.py reads
        document.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001, S110 - the connection ends with the office
            pass
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:5])

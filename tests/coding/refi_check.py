"""Reading a REFI-QDA export back, for the tests (unit and browser): schema validation
with lxml against the vendored schemas, and a parse of what came out."""

import io
import zipfile
from pathlib import Path

from lxml import etree

SCHEMAS = Path(__file__).resolve().parents[2] / "coding" / "schemas"
NS = {"q": "urn:QDA-XML:project:1.0"}
CODEBOOK_NS = {"c": "urn:QDA-XML:codebook:1.0"}


def schema(name):
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def validate(xml_bytes, name="Project-mrt2019.xsd"):
    """Raise AssertionError with the schema's complaints when the document is invalid."""
    document = etree.fromstring(xml_bytes, etree.XMLParser(resolve_entities=False))
    checker = schema(name)
    assert checker.validate(document), [str(error) for error in checker.error_log]
    return document


def read_project(data):
    """The parsed .qdpx: {"codes": {guid: name}, "sources": {name: {...}}, "cases": ...}."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    root = validate(archive.read("project.qde"))
    codes = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:CodeBook//q:Code", NS)}
    sources = {}
    for source in root.iterfind(".//q:Sources/q:TextSource", NS):
        path = source.get("plainTextPath")
        assert path.startswith("internal://")
        text = archive.read("sources/" + path[len("internal://") :]).decode("utf-8")
        selections = []
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            refs = [ref.get("targetGUID") for ref in selection.iterfind("q:Coding/q:CodeRef", NS)]
            selections.append(
                {
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                    "codes": sorted(codes[ref] for ref in refs),
                    "description": selection.findtext("q:Description", "", NS),
                }
            )
        whole = [codes[r.get("targetGUID")] for r in source.iterfind("q:Coding/q:CodeRef", NS)]
        sources[source.get("name")] = {
            "guid": source.get("guid"),
            "text": text,
            "selections": selections,
            "tags": sorted(whole),
            "variables": {
                v.find("q:VariableRef", NS).get("targetGUID"): v.findtext("q:TextValue", "", NS)
                for v in source.iterfind("q:VariableValue", NS)
            },
            "notes": [n.get("targetGUID") for n in source.iterfind("q:NoteRef", NS)],
        }
    cases = {
        case.get("name"): [ref.get("targetGUID") for ref in case.iterfind("q:SourceRef", NS)]
        for case in root.iterfind(".//q:Cases/q:Case", NS)
    }
    notes = {
        note.get("guid"): (note.get("name"), note.findtext("q:PlainTextContent", "", NS))
        for note in root.iterfind(".//q:Notes/q:Note", NS)
    }
    variables = {
        v.get("guid"): v.get("name") for v in root.iterfind(".//q:Variables/q:Variable", NS)
    }
    return {
        "codes": codes,
        "sources": sources,
        "cases": cases,
        "notes": notes,
        "variables": variables,
        "root": root,
    }

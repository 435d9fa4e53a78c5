#!/usr/bin/env python3
"""Writes test/unit/codec/fixtures/boto3_rules.json: what boto3 (the reference Python SDK)
does with values at the edges of DynamoDB's rules, beside what dynaq must do and, where the
two differ, the DynamoDB rule that dynaq follows instead. test_strict_codec.cpp checks dynaq
against every row; this script records boto3's side. Developer tool, not run by tools/test
(boto3 comes with moto on the developers' machines):

    python3 tools/dev/boto3_codec_rules.py

Each row holds one attribute value ("value") or one item ("item") in DynamoDB's typed JSON,
boto3's verdict on serialising it (from the Python value: "accepts" or the exception) and on
deserialising the JSON, and "dynaq": "accepts" or "rejects", the same for encoding a request
and decoding a response.
"""
import json
import os
from decimal import Decimal

import boto3
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

SER = TypeSerializer()
DE = TypeDeserializer()

NUMBER_RANGE = "numbers: 38 significant digits, magnitude 1E-130 to 9.99...E+125 (AttributeValue N)"
EMPTY_SET = "sets must not be empty (AttributeValue SS/NS/BS)"
DUPLICATE = "set members must be unique; numbers compare numerically (AttributeValue NS)"
NESTING = "values nest at most 32 levels, an item's attributes being level 1 (quotas)"
NAME = "an item's attribute names are 1 to 65535 bytes (AttributeValue map key, quotas)"
NUMBER_SYNTAX = "N is a decimal number: sign, digits, fraction, exponent; no NaN or Infinity"
NULL_TRUE = "NULL is always true (AttributeValue NULL)"
BOOL_TYPE = "BOOL is a JSON true or false (AttributeValue BOOL)"
JSON_TYPE = "the wire form of N, S and B is a JSON string (DynamoDB's JSON protocol)"


def nested(levels):
    """A leaf string wrapped in `levels` single-member maps: the leaf is at level levels + 1."""
    v = "leaf"
    for _ in range(levels):
        v = {"x": v}
    return v


# (label, Python value or None, typed JSON of the value, dynaq's verdict, rule where boto3 differs)
VALUES = [
    ("zero", Decimal("0"), None, "accepts", None),
    ("negative zero", Decimal("-0"), None, "accepts", None),
    ("38 digits", Decimal("12345678901234567890123456789012345678"), None, "accepts", None),
    ("39 digits", Decimal("123456789012345678901234567890123456789"),
     {"N": "123456789012345678901234567890123456789"}, "rejects", None),
    ("50 trailing zeros", Decimal("1" + "0" * 50), {"N": "1" + "0" * 50}, "accepts",
     "trailing zeros of an integer are not significant digits (DynamoDB stores 1E+50)"),
    ("smallest magnitude", Decimal("1E-130"), None, "accepts", None),
    ("below the smallest magnitude", Decimal("1E-131"), None, "rejects", NUMBER_RANGE),
    ("largest magnitude", Decimal("9.9999999999999999999999999999999999999E+125"), None,
     "accepts", None),
    ("above the largest magnitude", Decimal("1E+126"), None, "rejects", NUMBER_RANGE),
    ("negative largest", Decimal("-1E+125"), None, "accepts", None),
    ("NaN", Decimal("NaN"), {"N": "NaN"}, "rejects", NUMBER_SYNTAX),
    ("Infinity", Decimal("Infinity"), {"N": "Infinity"}, "rejects", NUMBER_SYNTAX),
    ("not a number", None, {"N": "abc"}, "rejects", NUMBER_SYNTAX),
    ("N as a JSON number", None, {"N": 5}, "rejects", JSON_TYPE),
    ("S as a JSON number", None, {"S": 1}, "rejects", JSON_TYPE),
    ("empty string", "", None, "accepts", None),
    ("empty binary", b"", None, "accepts", None),
    ("empty string set", set(), {"SS": []}, "rejects", EMPTY_SET),
    ("empty number set", None, {"NS": []}, "rejects", EMPTY_SET),
    ("empty binary set", None, {"BS": []}, "rejects", EMPTY_SET),
    ("string set", {"a", "b"}, {"SS": ["a", "b"]}, "accepts", None),
    ("string set with a repeat", None, {"SS": ["a", "a"]}, "rejects", DUPLICATE),
    ("number set equal members", None, {"NS": ["1", "1.0"]}, "rejects", DUPLICATE),
    ("binary set with a repeat", None, {"BS": ["Zg==", "Zg=="]}, "rejects", DUPLICATE),
    ("set of one empty string", {""}, None, "accepts", None),
    ("NULL false", None, {"NULL": False}, "rejects", NULL_TRUE),
    ("BOOL as text", None, {"BOOL": "true"}, "rejects", BOOL_TYPE),
    ("empty map", {}, None, "accepts", None),
    ("empty list", [], None, "accepts", None),
    ("empty name inside a map", {"": Decimal(1)}, None, "accepts", None),
    ("32 levels", nested(31), None, "accepts", None),
    ("33 levels", nested(32), None, "rejects", NESTING),
]

ITEMS = [
    ("empty attribute name", {"": "x"}, None, "rejects", NAME),
    ("one-byte attribute name", {"a": "x"}, None, "accepts", None),
]


def verdict(fn, arg):
    try:
        fn(arg)
        return "accepts"
    except Exception as e:  # boto3 raises TypeError, ValueError and decimal signals
        return "rejects (%s: %s)" % (type(e).__name__, str(e)[:80])


def serialised(python_value):
    return SER.serialize(python_value)


def botocore_parsed(typed):
    """What boto3's deserializer gets from botocore: B and BS members as bytes, not base64."""
    import base64
    if isinstance(typed, dict):
        if len(typed) == 1 and "B" in typed and isinstance(typed["B"], str):
            return {"B": base64.b64decode(typed["B"])}
        if len(typed) == 1 and "BS" in typed and isinstance(typed["BS"], list):
            return {"BS": [base64.b64decode(b) if isinstance(b, str) else b for b in typed["BS"]]}
        return {k: botocore_parsed(v) for k, v in typed.items()}
    if isinstance(typed, list):
        return [botocore_parsed(v) for v in typed]
    return typed


def row(kind, label, python_value, typed, dynaq, rule):
    if python_value is not None or typed is None:
        boto3_serialise = verdict(serialised, python_value)
        if typed is None:
            typed = (serialised(python_value) if kind == "value" else
                     {k: serialised(v) for k, v in python_value.items()})
    else:
        boto3_serialise = "n/a (no Python value serialises to this)"
    wire = botocore_parsed(typed)
    if kind == "value":
        deserialise = verdict(DE.deserialize, wire)
    else:
        deserialise = verdict(lambda item: {k: DE.deserialize(v) for k, v in item.items()}, wire)
    if kind == "item" and python_value is not None:
        boto3_serialise = verdict(lambda item: {k: SER.serialize(v) for k, v in item.items()},
                                  python_value)
    out = {"label": label, kind: typed, "boto3_serialize": boto3_serialise,
           "boto3_deserialize": deserialise, "dynaq": dynaq}
    boto3_agrees = all(v.startswith(dynaq) for v in (boto3_serialise, deserialise)
                       if not v.startswith("n/a"))
    if rule:
        out["rule"] = rule
    elif not boto3_agrees:
        raise SystemExit("%s: dynaq differs from boto3 without a DynamoDB rule" % label)
    return out


def typed_json(value):
    """boto3 serialises bytes as Python bytes; the wire carries base64."""
    import base64
    if isinstance(value, dict):
        return {k: typed_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed_json(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode()
    if hasattr(value, "value") and isinstance(getattr(value, "value"), (bytes, bytearray)):
        return base64.b64encode(bytes(value.value)).decode()
    return value


def main():
    rows = [row("value", *v) for v in VALUES] + [row("item", *i) for i in ITEMS]
    for r in rows:
        for key in ("value", "item"):
            if key in r:
                r[key] = typed_json(r[key])
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "test", "unit", "codec", "fixtures", "boto3_rules.json")
    with open(path, "w") as f:
        json.dump({"boto3": boto3.__version__, "rows": rows}, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote %d rows to %s" % (len(rows), os.path.normpath(path)))


if __name__ == "__main__":
    main()

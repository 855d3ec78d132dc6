#!/usr/bin/env python3
"""Peer: Python lxml iterparse over an XML filing, reading every attribute of every record.

    python3 lxml_iterparse.py FILING.xml

Parsing alone (nothing is stored), with the usual memory-bounded idiom: each record is cleared, and
the ones before it deleted, once read.
"""
import sys

from lxml import etree


def main():
    records = attributes = 0
    for _, element in etree.iterparse(sys.argv[1], events=("end",)):
        parent = element.getparent()
        if parent is None:
            break
        fields = dict(element.attrib)
        attributes += len(fields)
        records += 1
        element.clear()
        while element.getprevious() is not None:
            del parent[0]
    print("%d records, %d attributes" % (records, attributes))


if __name__ == "__main__":
    main()

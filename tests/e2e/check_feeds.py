#!/usr/bin/env python3
"""The portal's feeds as a real feed reader sees them (Debian's python3-feedparser): the site feed and a
category feed parse cleanly, every item has a title, a link to an article page that answers with that
title, a publication date in Vietnam time (+07:00), and the cover photos' enclosures point at real photos
of the announced type and size. Every address of the sitemap answers 200.

Writes ARTIFACT_DIR/feed-content.html, the feeds' item descriptions as one HTML document, for the Nu HTML
Checker. Usage: check_feeds.py BASE_URL ARTIFACT_DIR"""

import html
import os
import re
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree

import feedparser

CATEGORY_SLUG = "chien-luoc-dinh-huong-quy-hoach"  # fixed by the public contract
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL {message}", file=sys.stderr)


def fetch(url, method="GET"):
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def check_feed(base, path, expect_title_part):
    url = base + path
    status, headers, body = fetch(url)
    if status != 200:
        fail(f"{path} answers {status}")
        return []
    if not headers.get("Content-Type", "").startswith("application/rss+xml"):
        fail(f"{path} has Content-Type {headers.get('Content-Type')}")
    feed = feedparser.parse(body)
    if feed.bozo:
        fail(f"{path} does not parse cleanly: {feed.bozo_exception}")
    if feed.version != "rss20":
        fail(f"{path} is {feed.version!r}, not RSS 2.0")
    if expect_title_part not in feed.feed.get("title", ""):
        fail(f"{path} channel title {feed.feed.get('title')!r} lacks {expect_title_part!r}")
    if feed.feed.get("language") != "vi":
        fail(f"{path} language is {feed.feed.get('language')!r}")
    if not feed.entries:
        fail(f"{path} has no items")
    enclosures = 0
    raw_dates = re.findall(rb"<pubDate>([^<]+)</pubDate>", body)
    if len(raw_dates) != len(feed.entries):
        fail(f"{path}: {len(raw_dates)} pubDate for {len(feed.entries)} items")
    for raw in raw_dates:
        if not raw.endswith(b" +0700"):
            fail(f"{path}: pubDate {raw!r} is not in Vietnam time")
    for entry in feed.entries:
        title = entry.get("title", "")
        link = entry.get("link", "")
        if not title:
            fail(f"{path}: an item without a title")
        if not link.startswith(base + "/bai-viet/"):
            fail(f"{path}: item link {link!r} is not an article address under {base}")
            continue
        if entry.get("published_parsed") is None:
            fail(f"{path}: {link} has no parsable date")
        page_status, _, page = fetch(link)
        if page_status != 200:
            fail(f"{link} answers {page_status}")
        elif f"<h1>{html.escape(title, quote=True)}</h1>".encode() not in page:
            fail(f"{link} does not show the feed's title {title!r} as its heading")
        for enclosure in entry.get("enclosures", []):
            enclosures += 1
            photo_status, photo_headers, photo = fetch(enclosure["href"])
            if photo_status != 200:
                fail(f"enclosure {enclosure['href']} answers {photo_status}")
                continue
            if photo_headers.get("Content-Type") != enclosure.get("type"):
                fail(f"enclosure {enclosure['href']} is {photo_headers.get('Content-Type')}, "
                     f"announced {enclosure.get('type')}")
            if str(len(photo)) != str(enclosure.get("length")):
                fail(f"enclosure {enclosure['href']} has {len(photo)} bytes, announced {enclosure.get('length')}")
    if enclosures == 0:
        fail(f"{path}: no item carries its cover photo as an enclosure")
    print(f"feed {path}: {len(feed.entries)} items, {enclosures} enclosures")
    return feed.entries


def check_sitemap_addresses(base, sitemap_path):
    status, _, body = fetch(base + sitemap_path)
    if status != 200:
        fail(f"{sitemap_path} answers {status}")
        return
    root = ElementTree.fromstring(body)
    if root.tag == SITEMAP_NS + "sitemapindex":
        for loc in root.iter(SITEMAP_NS + "loc"):
            check_sitemap_addresses(base, loc.text[len(base):])
        return
    count = 0
    for loc in root.iter(SITEMAP_NS + "loc"):
        count += 1
        page_status, _, _ = fetch(loc.text, method="HEAD")
        if page_status != 200:
            fail(f"sitemap address {loc.text} answers {page_status}")
    print(f"sitemap {sitemap_path}: {count} addresses, all checked")


def write_feed_content(entries, artifacts):
    """The descriptions as feed readers will show them, in one document for the HTML checker."""
    parts = ['<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>Nội dung RSS</title></head><body>']
    for entry in entries:
        parts.append(f"<article><h2>{html.escape(entry.get('title', ''))}</h2>")
        parts.append(f"<div>{entry.get('summary', '')}</div></article>")
    parts.append("</body></html>\n")
    with open(os.path.join(artifacts, "html", "feed-content.html"), "w", encoding="utf-8") as out:
        out.write("".join(parts))


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    base, artifacts = sys.argv[1].rstrip("/"), sys.argv[2]
    os.makedirs(os.path.join(artifacts, "html"), exist_ok=True)
    entries = check_feed(base, "/rss.xml", "")
    entries += check_feed(base, f"/chuyen-muc/{CATEGORY_SLUG}/rss.xml", "Chiến lược - Định Hướng - Quy hoạch")
    status, _, _ = fetch(base + "/chuyen-muc/khong-co-chuyen-muc-nay/rss.xml")
    if status != 404:
        fail(f"the feed of a missing category answers {status}, not 404")
    write_feed_content(entries, artifacts)
    check_sitemap_addresses(base, "/sitemap.xml")
    if failures:
        print(f"{len(failures)} feed check(s) failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

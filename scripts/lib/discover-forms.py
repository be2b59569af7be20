#!/usr/bin/python3
"""Crawls the app as one signed-in user and lists every page and every form it can reach.

Usage: discover-forms.py BASE COOKIE_JAR OUTPUT.json [EXCLUDED_PATH_PREFIX...]

Same-origin links only, GET only, breadth first from "/"; links to an excluded path are not followed
and forms posting to one are left out. Record ids and GUIDs in paths become "{id}", so
"/Promises/Details/7" and "/Promises/Details/9" are one route; every instance of a route is read (up to
PER_ROUTE, and up to PER_QUERY links with a query string), because a record's state decides which forms
it shows. Forms are told apart by method, route and page handler; the field names of all their instances
are merged. The seeds for the scanner are one page per route (and one per route with a query string)
plus, for each form, the first page that shows it. (None of the app's GET handlers saves anything.)
"""
import json
import re
import sys
from collections import deque
from urllib.parse import parse_qsl, urljoin, urlsplit

import requests
import urllib3
from bs4 import BeautifulSoup

MAX_PAGES = 1500
PER_ROUTE = 80
PER_QUERY = 20
ID_SEGMENT = re.compile(r"/(\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?=/|$)")


def route(path):
    return ID_SEGMENT.sub("/{id}", path)


def main():
    base, jar_file, output = sys.argv[1:4]
    excluded = sys.argv[4:]
    urllib3.disable_warnings()
    session = requests.Session()
    for line in open(jar_file):  # curl's jar; MozillaCookieJar would drop its session cookies (expires 0)
        line = line.removeprefix("#HttpOnly_")
        if line.strip() and not line.startswith("#"):
            domain, _, path, secure, _, name, value = line.rstrip("\n").split("\t")
            session.cookies.set(name, value, domain=domain, path=path, secure=secure == "TRUE")
    origin = urlsplit(base)

    queue, seen = deque(["/"]), {"/"}
    pages, per_route, forms, statuses = [], {}, {}, {}
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        path = urlsplit(url).path
        bucket = route(path) + ("?" if "?" in url else "")
        if per_route.get(bucket, 0) >= (PER_QUERY if "?" in url else PER_ROUTE):
            continue
        response = session.get(base.rstrip("/") + url, allow_redirects=False, timeout=60, verify=False)
        statuses[url] = response.status_code
        if response.status_code >= 500:
            print(f"ERROR: GET {url} answered {response.status_code}", file=sys.stderr)
        if response.status_code != 200 or not response.headers.get("Content-Type", "").startswith("text/html"):
            continue
        per_route[bucket] = per_route.get(bucket, 0) + 1
        pages.append(url)
        soup = BeautifulSoup(response.text, "html.parser")
        for anchor in soup.find_all("a", href=True):
            target = urlsplit(urljoin(base.rstrip("/") + url, anchor["href"]))
            if (target.scheme, target.netloc) != (origin.scheme, origin.netloc) or target.path.startswith("/lib/"):
                continue
            link = target.path + (f"?{target.query}" if target.query else "")
            if any(target.path.startswith(prefix) for prefix in excluded) or link in seen:
                continue
            seen.add(link)
            queue.append(link)
        for form in soup.find_all("form"):
            method = (form.get("method") or "get").upper()
            action = urlsplit(urljoin(base.rstrip("/") + url, form.get("action") or url))
            if any(action.path.startswith(prefix) for prefix in excluded):
                continue
            fields = {e["name"] for e in form.find_all(["input", "select", "textarea", "button"]) if e.get("name")}
            handler = dict(parse_qsl(action.query)).get("handler", "")
            key = f"{method} {route(action.path)}{'?handler=' + handler if handler else ''}"
            found = forms.setdefault(key, {
                "key": key, "method": method, "route": route(action.path), "handler": handler,
                "action": action.path + (f"?{action.query}" if action.query else ""),
                "fields": [], "page": url, "pages": 0})
            found["fields"] = sorted(set(found["fields"]) | fields)
            found["pages"] += 1

    seeds, routes_seeded = [], set()
    for url in pages:
        r = route(urlsplit(url).path) + ("?" if "?" in url else "")
        if r not in routes_seeded:
            routes_seeded.add(r)
            seeds.append(url)
    for form in forms.values():
        if form["page"] not in seeds:
            seeds.append(form["page"])
    json.dump({"pages": pages, "routes": sorted({b.rstrip("?") for b in per_route}), "seeds": seeds, "forms": sorted(forms.values(), key=lambda f: f["key"]),
               "server_errors": [u for u, s in statuses.items() if s >= 500]}, open(output, "w"), indent=1)
    print(f"{len(pages)} pages ({len({b.rstrip('?') for b in per_route})} routes), {len(forms)} forms "
          f"({sum(f['method'] == 'POST' for f in forms.values())} POST), {len(seeds)} seeds")


if __name__ == "__main__":
    main()

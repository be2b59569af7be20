#!/usr/bin/python3
"""Runs Debian's wapiti 3.0.4 with three changes, then its usual command line (sys.argv[1:]).

1. `-x` works: wapiti builds its exclusion regex with a trailing "(?ms)", which Python 3.11 refuses
   ("global flags not at the start of the expression"), so any -x ended the run.
2. crlf and redirect attack POST forms too: in 3.0.4 both read only the crawled GET links, although their
   checks (a header named "wapiti" in the answer, a Location to the payload's site) hold for a POST as
   well, and this app's redirects (returnUrl) are POST forms. The injection modules attack the POST forms
   before the GET links, and $QG_ATTACK_TIMES ("xss=300,sql=120") gives modules their own time limit.
   With QG_SEEDS_ONLY=1 the crawler follows no link: the start URLs (-s) are the pages to scan.
3. Every request wapiti sends is written to $QG_WAPITI_LOG, one JSON line: the module that sent it (or
   "crawl"), method, URL, the posted field names, the parameter the attack mutated (None for a request
   that is no attack), the answer's status and Location. The scan script proves its coverage from these lines, and finds every
   5xx, whichever module caused it. After the attacks, wapiti's own session fetches $QG_CHECK_URL once
   (module "session-check"), so the log shows whether that session was still signed in at the end.
4. Nothing leaves the machine: a request to any host but loopback is refused (and logged), and the wapp
   and nikto modules, which wapiti creates even when they are not chosen, download no database.
"""
import json
import os
import re
import sys
from urllib.parse import urlsplit

from requests.exceptions import ConnectionError as RequestsConnectionError

from wapitiCore.attack import attack as attack_base
from wapitiCore.attack import mod_nikto, mod_wapp
from wapitiCore.main import wapiti as wapiti_main_module
from wapitiCore.net import crawler as crawler_module
from wapitiCore.net import page as page_module
from wapitiCore.net import web

log = open(os.environ["QG_WAPITI_LOG"], "a", buffering=1)
current = {"module": "crawl"}


def wildcard_translate(pattern):
    return re.compile("(?ms)" + "".join(".*" if char == "*" else re.escape(char) for char in pattern) + r"\Z")


crawler_module.wildcard_translate = wildcard_translate
# wapiti creates every module, chosen or not, and wapp and nikto then download their databases from GitHub.
mod_wapp.mod_wapp.update = mod_nikto.mod_nikto.update = lambda self: None


def record(resource, page=None, error=None):
    mutated = getattr(resource, "_qg_attack", None)
    entry = {"module": current["module"], "method": resource.method, "url": resource.url,
             "param": mutated[0] if mutated else None, "fields": [name for name, _ in resource.post_params],
             "status": page.status if page is not None else None,
             "location": page.headers.get("location") if page is not None else None}
    if error is not None:
        entry["error"] = type(error).__name__
    if mutated and (error is not None or (page is not None and page.status >= 500)):
        entry["payload"] = str(mutated[1])[:200]
        entry["data"] = resource.encoded_data[:1000] if resource.post_params else None
    log.write(json.dumps(entry) + "\n")


def recording(send):
    def wrapper(self, *args, **kwargs):
        resource = next(a for a in args if isinstance(a, web.Request))  # request() takes the method first
        if urlsplit(resource.url).hostname not in LOOPBACK:
            error = RequestsConnectionError(f"{resource.url} is off this machine")
            record(resource, error=error)
            raise error
        try:
            page = send(self, *args, **kwargs)
        except Exception as error:
            record(resource, error=error)
            raise
        record(resource, page)
        return page
    return wrapper


LOOPBACK = {"127.0.0.1", "localhost", "::1"}
for _name in ("get", "post", "request"):
    setattr(crawler_module.Crawler, _name, recording(getattr(crawler_module.Crawler, _name)))

_mutate = attack_base.Mutator.mutate


def mutate(self, request):
    for evil_request, parameter, payload, flags in _mutate(self, request):
        evil_request._qg_attack = (parameter, payload)
        yield evil_request, parameter, payload, flags


attack_base.Mutator.mutate = mutate


class FormsFirst:
    """The persister as the injection modules see it: the POST forms first, then the GET links, all through
    get_links. wapiti attacks links first, and a few reflecting search pages can use up a module's
    --max-attack-time before any form is reached. crlf and redirect read only get_links, so they get
    the forms this way too."""

    def __init__(self, persister):
        self._persister = persister

    def __getattr__(self, name):
        return getattr(self._persister, name)

    def get_links(self, path=None, attack_module=""):
        yield from self._persister.get_forms(attack_module=attack_module)
        yield from self._persister.get_links(path=path, attack_module=attack_module)

    def get_forms(self, attack_module=""):
        return iter(())


FORMS_FIRST = {"sql", "blindsql", "xss", "exec", "file", "crlf", "redirect"}
# "xss=300,sql=120": seconds per module, instead of the one --max-attack-time for all
attack_times = {name: float(seconds) for name, seconds in
                (item.split("=") for item in os.environ.get("QG_ATTACK_TIMES", "").split(",") if item)}
scan = {}

_init = attack_base.Attack.__init__


def init(self, crawler, persister, logger, attack_options):
    if self.name in FORMS_FIRST:
        persister = FormsFirst(persister)
    _init(self, crawler, persister, logger, attack_options)
    module_attack = self.attack

    def attributed_attack():
        generator = module_attack()
        if self.name in attack_times:
            scan["wapiti"]._max_attack_time = attack_times[self.name]
        elif "default" in scan:
            scan["wapiti"]._max_attack_time = scan["default"]
        while True:
            current["module"] = self.name
            try:
                item = next(generator)
            except StopIteration:
                return
            finally:
                current["module"] = "wapiti"
            yield item

    self.attack = attributed_attack


attack_base.Attack.__init__ = init

_attack = wapiti_main_module.Wapiti.attack


def attack_then_check_session(self):
    scan["wapiti"], scan["default"] = self, self._max_attack_time
    _attack(self)
    if os.environ.get("QG_CHECK_URL"):
        current["module"] = "session-check"
        try:
            self.crawler.get(web.Request(os.environ["QG_CHECK_URL"]))
        except Exception:  # recorded with its error
            pass


wapiti_main_module.Wapiti.attack = attack_then_check_session

if os.environ.get("QG_SEEDS_ONLY") == "1":
    # The start URLs are the whole list of pages: wapiti reads the forms on them but follows no link.
    _links = page_module.Page.links
    page_module.Page.links = property(lambda page: [] if current["module"] == "crawl" else _links.fget(page))

if __name__ == "__main__":
    sys.argv[0] = "wapiti"
    sys.exit(wapiti_main_module.wapiti_main())

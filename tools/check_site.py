"""Check the built docs site (`python tools/docs.py html`) the way a visitor's browser sees it.

    python tools/check_site.py                          # check _docs/
    python tools/check_site.py --site DIR --screenshots DIR

The site is served on 127.0.0.1 (a free port), then:
1. links: every page is crawled from index.html, and every local href/src of every page (stylesheets,
   scripts, images, downloads, links between pages and their #anchors) must resolve;
2. search: search.html?q=allocation_weighting, run in headless Chromium, must list the allocation page;
3. maths: every page with maths is loaded in Chromium; MathJax must typeset each maths element
   (one <mjx-container> each), with no error node (<mjx-merror>, red undefined-macro text) and no
   raw $$ left in the text;
4. screenshots of the home page and the allocation and controllers chapters at desktop (1280x900)
   and phone (390x844) widths go to --screenshots (default _build/site/screenshots/).
Where no Chromium is installed (`apt-get install chromium`) steps 2-4 are skipped with a message
and only the link check runs. Exit status 1 when something is wrong.
"""
import argparse, functools, html, os, re, shutil, subprocess, sys, tempfile, threading, time
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit, unquote
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
SEARCH_TERM, SEARCH_PAGE = 'allocation_weighting', 'allocation.html'
SHOTS = [('home', 'index.html'), ('allocation', 'allocation.html'), ('controllers', 'controllers.html')]
SIZES = [('desktop', 1280, 900), ('phone', 390, 844)]


class _Links(HTMLParser):
    "The ids and the local links (tag, attribute, value) of one HTML page."
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links = set(), []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ('id', 'name'):
            if a.get(key): self.ids.add(a[key])
        for key in ('href', 'src'):
            if a.get(key) is not None and not (tag == 'link' and a.get('rel') in ('canonical', 'alternate')):
                self.links.append((tag, key, a[key]))


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args): pass


def serve(site):
    "Serve `site` on 127.0.0.1; return (server, base url)."
    server = ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f'http://127.0.0.1:{server.server_address[1]}/'


def fetch(url):
    try:
        with urlopen(url, timeout=30) as r: return r.status, r.read(), r.headers.get_content_type()
    except HTTPError as e: return e.code, b'', ''


def check_links(base):
    "Crawl from index.html; return (pages seen, problems)."
    pages, problems, todo, queued = {}, [], [base + 'index.html'], {base + 'index.html'}
    anchors = []  # (page, target url, fragment)
    while todo:
        url = todo.pop()
        status, body, ctype = fetch(url)
        if status != 200: problems.append(f'{url[len(base):]}: HTTP {status}'); continue
        parser = _Links()
        parser.feed(body.decode('utf-8', 'replace'))
        pages[url] = parser.ids
        for tag, attr, value in parser.links:
            value = html.unescape(value).strip()
            if not value or re.match(r'^(?:[a-z][a-z0-9+.-]*:|//)', value, flags=re.I) and not value.startswith(base):
                continue  # another site, mailto:, data:, javascript:
            target = urljoin(url, value)
            path, frag = target.split('#', 1) if '#' in target else (target, '')
            path = path.split('?', 1)[0]
            if path.endswith('/'): path += 'index.html'
            if frag: anchors.append((url, f'<{tag} {attr}="{value}">', path, unquote(frag)))
            if path.endswith('.html'):
                if path not in queued: queued.add(path); todo.append(path)
            elif path not in pages:
                status, _, _ = fetch(path)
                pages[path] = None
                if status != 200: problems.append(f'{url[len(base):]}: <{tag} {attr}="{value}"> is missing (HTTP {status})')
    for url, what, path, frag in anchors:
        if path.endswith('.html') and pages.get(path) is not None and frag not in pages[path]:
            problems.append(f'{url[len(base):]}: {what}: no id "{frag}" in {path[len(base):]}')
    return [u for u, ids in pages.items() if ids is not None], problems


def find_chromium(name=None):
    for c in [name, os.environ.get('CHROMIUM'), 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']:
        if c and (p := shutil.which(c)): return p
    return None


class Chromium:
    "Headless Chromium, one process per page: the DOM after its scripts ran, or a screenshot."
    def __init__(self, exe):
        self.exe, self.profile = exe, tempfile.mkdtemp(prefix='check_site_chromium_')
    def _run(self, url, *flags, wait_ms=20000):
        cmd = [self.exe, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars',
               f'--user-data-dir={tempfile.mkdtemp(dir=self.profile)}',  # a fresh profile: no state from the last page
               f'--virtual-time-budget={wait_ms}', *flags, url]
        try: return subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired: return subprocess.CompletedProcess(cmd, 124, '', f'{url}: Chromium timed out')
    def dom(self, url): return self._run(url, '--dump-dom').stdout
    def screenshot(self, url, path, width, height):
        self._run(url, f'--window-size={width},{height}', f'--screenshot={path}')
        return Path(path).exists()
    def close(self): shutil.rmtree(self.profile, ignore_errors=True)


_re_skip = re.compile(r'<(pre|code|script|style|textarea|mjx-container)\b.*?</\1>', flags=re.S | re.I)


def check_search(browser, base):
    dom = browser.dom(f'{base}search.html?q={SEARCH_TERM}')
    results = re.search(r'<ul[^>]*class="search"[^>]*>(.*?)</ul>', dom, flags=re.S)
    hits = re.findall(r'<a href="([^"]*)"', results[1]) if results else []
    if not any(h.split('#')[0].split('?')[0].endswith(SEARCH_PAGE) for h in hits):
        return [f'search for {SEARCH_TERM!r} did not list {SEARCH_PAGE} (results: {hits[:5] or "none"})']
    print(f'search: {SEARCH_TERM!r} finds {len(hits)} result(s), {SEARCH_PAGE} among them')
    return []


def check_maths(browser, base, pages):
    problems, n_pages, n_maths = [], 0, 0
    for url in sorted(pages):
        status, body, _ = fetch(url)
        expected = len(re.findall(r'<(?:span|div) class="math notranslate nohighlight">', body.decode('utf-8', 'replace')))
        if not expected: continue
        name, dom = url[len(base):], browser.dom(url)
        typeset = dom.count('<mjx-container')
        if typeset < expected: problems.append(f'{name}: MathJax typeset {typeset} of {expected} maths element(s)')
        if (e := dom.count('<mjx-merror')): problems.append(f'{name}: {e} MathJax error node(s) (<mjx-merror>)')
        for m in re.finditer(r'<mtext[^>]*mathcolor="red"[^>]*>(.*?)</mtext>', dom): problems.append(f'{name}: undefined TeX {m[1]!r}')
        if '$$' in _re_skip.sub('', dom): problems.append(f'{name}: raw $$ left in the rendered text')
        n_pages, n_maths = n_pages + 1, n_maths + typeset
    if not n_pages: problems.append('no page has maths (expected MathJax on the chapters)')
    else: print(f'maths: MathJax typeset {n_maths} element(s) on {n_pages} page(s), no errors' if not problems else '')
    return problems


def take_screenshots(browser, base, out):
    out.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, page in SHOTS:
        for size, w, h in SIZES:
            path = out/f'{name}_{size}.png'
            if not browser.screenshot(base + page, path, w, h): problems.append(f'no screenshot of {page} at {w}x{h}')
    print(f'screenshots: {len(SHOTS) * len(SIZES) - len(problems)} in {out}')
    return problems


def main(site, screenshots, chromium=None):
    site = Path(site).resolve()
    if not (site/'index.html').exists(): print(f'{site}/index.html is missing: run `python tools/docs.py html`', file=sys.stderr); return 1
    t0 = time.time()
    server, base = serve(site)
    try:
        pages, problems = check_links(base)
        print(f'links: crawled {len(pages)} page(s) from index.html' + ('' if problems else ', every local href/src and #anchor resolves'))
        exe = find_chromium(chromium)
        if not exe:
            print('browser checks skipped: no Chromium found (apt-get install chromium); the link check ran')
        else:
            browser = Chromium(exe)
            try:
                problems += check_search(browser, base)
                problems += check_maths(browser, base, pages)
                problems += take_screenshots(browser, base, Path(screenshots))
            finally: browser.close()
    finally: server.shutdown()
    print(f'site check took {time.time() - t0:.1f}s')
    if problems:
        print('\n'.join(['site check problems:'] + [f'  - {p}' for p in problems]), file=sys.stderr)
        return 1
    print('site check passed')
    return 0


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog=__doc__.split('\n', 2)[2])
    parser.add_argument('--site', default=str(ROOT/'_docs'), help='the built site (default: _docs/)')
    parser.add_argument('--screenshots', default=str(ROOT/'_build'/'site'/'screenshots'), help='where the screenshots go')
    parser.add_argument('--chromium', help='the browser executable (default: $CHROMIUM, chromium, google-chrome)')
    args = parser.parse_args()
    sys.exit(main(args.site, args.screenshots, args.chromium))

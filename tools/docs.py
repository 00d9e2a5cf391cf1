"""Build README.md and the docs site from the notebooks.

    python tools/docs.py readme            # write README.md (+ index_files/ images) from nbs/index.ipynb
    python tools/docs.py readme --check    # exit 1, with a diff, if README.md is out of date
    python tools/docs.py html              # build the site into _docs/ (Sphinx + myst-nb, Furo theme)
    python tools/docs.py html --check      # full rebuild that fails on warnings, broken links, maths problems
    python tools/docs.py math              # only check the notebooks' maths for control characters

`nbdev_docs` (Quarto) stays the way the published site is built; this is the path that needs no
Quarto. Each notebook goes through nbdev's own docs processing, `nbdev.processors.FilterDefaults`
(what `nbdev_proc_nbs` runs): the title cell becomes front matter, hidden and exported cells go,
exported functions get a `show_doc` cell, backticked names link to their docs. Two processors are
swapped through FilterDefaults' documented override point (`base_procs`), nothing is patched:
- `exec_show_docs_tables` runs `show_doc` as nbdev does, then gives each one a parameter table
  (Type / Default / Details, from fastcore's `docments`) and its source line number;
- `add_repo_links` is nbdev's `add_links` with `NbdevLookup(incl_libs=<this package>)`, so the links
  do not depend on which other nbdev packages are installed.
Quarto's cell options (`#| echo: false`, `output: false|asis`, `include: false`) are then applied.
- readme: nbconvert's MarkdownExporter writes README.md (LaTeX stays `$...$` for GitHub).
- html: the processed notebooks go to _build/site/src/ (the data files they show are linked in
  beside them), and Sphinx builds _docs/ with docs/conf.py: myst-nb renders the saved outputs
  (nothing is executed), MathJax 3 is served from the site itself, Furo gives search, per-page
  contents, prev/next links, dark mode and a phone menu. `tools/check_site.py` checks the result
  in a headless Chromium.
"""
import argparse, ast, atexit, difflib, html, inspect, os, re, shutil, subprocess, sys, time, warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.chdir(ROOT)
sys.path.insert(0, str(ROOT))  # the processed notebooks import the library from this checkout

import nbformat
from execnb.nbio import read_nb, nb2str
from fastcore.docments import docments
from nbconvert import MarkdownExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from nbdev.config import get_config
from nbdev.doclinks import NbdevLookup, nbglob
from nbdev.process import Processor
from nbdev.processors import FilterDefaults, add_links, exec_show_docs

CFG = get_config()
NBS = CFG.nbs_path
SITE_URL = '/'.join(s.strip('/') for s in (CFG.doc_host, CFG.doc_baseurl) if s.strip('/')) + '/'
BUILD = ROOT/'_build'/'site'  # processed notebooks (src/) and Sphinx's cache (doctrees/)
CONF = ROOT/'docs'


# ---------------------------------------------------------------- nbdev processing

def _cell_text(s): return str(s).replace('\\', '\\\\').replace('|', '\\|').replace('*', '\\*').replace('<', '&lt;')


def api_table(sym):
    "Markdown parameter table for `sym`: the Type / Default / Details columns that have content, or ''."
    try: dm, params = docments(sym, full=True), inspect.signature(sym).parameters
    except Exception: return ''  # no signature (e.g. some builtins): show_doc's own output is all there is
    rows = [(p, dm[p]) for p in params if p != 'self' and p in dm]
    empty = inspect.Parameter.empty
    def value(col, props):
        v = props.get(col, empty)
        if v is empty or (col == 'docment' and v is None): return ''
        if col == 'default' and isinstance(v, str): v = repr(v)
        return _cell_text(getattr(v, '__name__', v))
    cols = {c: h for c, h in (('anno', 'Type'), ('default', 'Default'), ('docment', 'Details'))
            if any(value(c, props) for _, props in rows + [('return', dm.get('return', {}))])}
    if not cols or not rows: return ''
    lines = ['|  | ' + ' | '.join(f'**{h}**' for h in cols.values()) + ' |', '|' + ' -- |' * (len(cols) + 1)]
    lines += ['| ' + _cell_text(name) + ' | ' + ' | '.join(value(c, props) for c in cols) + ' |' for name, props in rows]
    ret = dm.get('return', {})
    if any(value(c, ret) for c in cols): lines.append('| **Returns** | ' + ' | '.join(value(c, ret) for c in cols) + ' |')
    return '\n'.join(lines)


def _source_line(sym):
    try: return inspect.getsourcelines(inspect.unwrap(sym))[1]
    except Exception: return None


_re_sd_source = re.compile(r'^\[source\]\(([^)]*)\)(\{[^}\n]*\})?\n*', flags=re.MULTILINE)


def show_doc_markdown(md, sym):
    "show_doc's markdown, heading first (no leading rule), with the source line filled in and a parameter table."
    md = re.sub(r'^---\n+', '', md)
    m = _re_sd_source.search(md)
    source = ''
    if m:
        url, line = m[1], _source_line(sym)
        if url.endswith('#LNone'): url = url[:-len('None')] + str(line) if line else url[:-len('#LNone')]
        source = f'[source]({url}){m[2] or ""}'
        md = md[:m.start()] + md[m.end():]
    head, _, rest = md.partition('\n')
    table = api_table(sym)
    return '\n\n'.join(s for s in (head, source, rest.strip('\n'), table) if s)


class exec_show_docs_tables(exec_show_docs):
    "nbdev's `exec_show_docs`; each `show_doc` output also gets a parameter table and its source line"
    def __call__(self, cell):
        super().__call__(cell)
        if cell.cell_type != 'code' or not hasattr(self, 'k') or 'show_doc' not in cell.source: return
        try: tree = ast.parse(cell.source)
        except SyntaxError: return
        calls = [n.value for n in tree.body if isinstance(n, ast.Expr) and isinstance(n.value, ast.Call)
                 and getattr(n.value.func, 'id', None) == 'show_doc' and n.value.args]
        if not calls: return
        try: sym = eval(ast.unparse(calls[-1].args[0]), self.k.user_ns)
        except Exception: return
        for o in cell.get('outputs', []):
            data = o.get('data', {})
            if 'text/markdown' in data:
                md = show_doc_markdown(''.join(data['text/markdown']), sym)
                data['text/markdown'] = md.splitlines(True)


    def end(self):
        super().end()
        if hasattr(self, 'k'):  # this notebook's shell is done: stop its history thread now, not at exit
            hm = self.k.history_manager
            if getattr(hm, 'save_thread', None) is not None: hm.save_thread.stop()
            atexit.unregister(self.k.atexit_operations)


class add_repo_links(Processor):
    "nbdev's `add_links`, with only this package's symbols: the output is the same on every machine"
    def begin(self):
        self.lookup = NbdevLookup(incl_libs=tuple({CFG.lib_name, CFG.get('pip_name', CFG.lib_name)}))
        # private names (`_step`) get no show_doc, so no heading to link to
        self.lookup.syms = {k: v for k, v in self.lookup.syms.items() if not re.search(r'(^|\.)_(?!_)', k)}
    def cell(self, cell):
        if cell.cell_type == 'markdown': cell.source = self.lookup.linkify(cell.source)
        for o in cell.get('outputs', []):
            if 'text/markdown' in o.get('data', {}):
                o['data']['text/markdown'] = [self.lookup.link_line(s) for s in o['data']['text/markdown']]


class DocsProcs(FilterDefaults):
    "nbdev's docs processors with `add_links` and `exec_show_docs` swapped for the versions above"
    def base_procs(self):
        swap = {add_links: add_repo_links, exec_show_docs: exec_show_docs_tables}
        return [swap.get(p, p) for p in super().base_procs()]


_MIXED_IMPORTS = 'Found cells containing imports and other code'


def process_nb(path):
    "Run nbdev's docs processing on the notebook at `path`; return (front matter, nbformat node, nbdev's complaints)."
    nb = read_nb(path)
    cwd, in_test = os.getcwd(), os.environ.get('IN_TEST')
    os.environ['IN_TEST'] = '1'  # as nbdev's docs processing sets it
    os.chdir(path.parent)  # as when the notebook runs
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            DocsProcs()(nb)
    finally:
        os.chdir(cwd)
        if in_test is None: del os.environ['IN_TEST']
        else: os.environ['IN_TEST'] = in_test
    complaints = []
    for w in caught:  # nbdev runs a cell that mixes imports with other code whole, at every docs build
        msg = str(w.message)
        if msg.startswith(_MIXED_IMPORTS):
            first = next((l for l in msg.split('---')[1].strip().splitlines() if l.strip()), '')
            where = next((f'cell {i} (id {c.get("id")})' for i, c in enumerate(nbformat.read(path, as_version=4).cells)
                          if c.cell_type == 'code' and first in c.source), 'a code cell')
            complaints.append(f'{where} mixes imports with other code (put the imports in a cell of their own): {first[:80]!r}')
        else: warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return dict(getattr(nb, 'frontmatter_', {}) or {}), nbformat.reads(nb2str(nb), as_version=4), complaints


# ---------------------------------------------------------------- Quarto semantics

_re_directive = re.compile(r'^\s*#\|\s*([\w-]+)\s*(?::\s*(.*?))?\s*$')
_re_attr_link = re.compile(r'\[([^\]\n]+)\]\(([^)\s]+)\)\{([^}\n]*)\}')
_re_fenced_div = re.compile(r'^:{3,}.*\n?', flags=re.MULTILINE)


def _attr_link(m):
    text, url, spec = m.groups()
    attrs = [f'href="{html.escape(url)}"']
    for key, val, cls, ident in re.findall(r'([\w-]+)="([^"]*)"|\.([\w-]+)|#([\w-]+)', spec):
        if key == 'style': continue  # the page's stylesheet places it
        if key: attrs.append(f'{key}="{html.escape(val)}"')
        elif cls: attrs.append(f'class="{cls}"')
        elif ident: attrs.append(f'id="{ident}"')
    if text == 'source': attrs.append('class="sd-source"')
    return f'<a {" ".join(attrs)}>{text}</a>'


def quarto_md(src):
    "Turn the Quarto-only markdown nbdev writes (`[txt](url){attrs}`, `:::` divs) into plain markdown/HTML."
    return _re_fenced_div.sub('', _re_attr_link.sub(_attr_link, src))


def _output_markdown(outputs):
    for o in outputs:
        data = o.get('data', {})
        if 'text/markdown' in data: yield data['text/markdown']
        elif 'text/plain' in data: yield data['text/plain']
        elif o.get('output_type') == 'stream': yield o.get('text', '')


def apply_cell_options(nb):
    "Apply Quarto's cell options: drop `include: false` cells, outputs of `output: false`, inputs of `echo: false`."
    cells = []
    for cell in nb.cells:
        if cell.cell_type == 'raw': continue  # nbdev's front matter; other raw cells are not rendered by Quarto either
        if cell.cell_type == 'markdown':
            cell.source = quarto_md(cell.source)
            if cell.source.strip(): cells.append(cell)
            continue
        lines, opts = cell.source.splitlines(), {}
        while lines and (m := _re_directive.match(lines[0])):  # Quarto hides all leading `#|` lines
            opts[m[1]] = (m[2] or '').strip('"\'').lower()
            lines.pop(0)
        cell.source = '\n'.join(lines).strip('\n')
        if opts.get('include') == 'false': continue
        if opts.get('output') == 'false': cell.outputs = []
        if opts.get('output') == 'asis':
            md = '\n\n'.join(_output_markdown(cell.outputs))
            cell.outputs = []
            if opts.get('echo') != 'false' and cell.source: cells.append(cell)
            if md.strip(): cells.append(nbformat.v4.new_markdown_cell(quarto_md(md), metadata={'from_output': True}))
            continue
        if opts.get('echo') == 'false' or not cell.source:
            cell.metadata.setdefault('tags', []).append('remove-input')
            if not cell.outputs: continue
        cells.append(cell)
    nb.cells = cells
    return nb


def load(path):
    "Processed notebook at `path`: (front matter, nbformat node with Quarto's cell options applied, nbdev's complaints)."
    front, nb, complaints = process_nb(path)
    nb = apply_cell_options(nb)
    if not nb.metadata.get('language_info', {}).get('name'): nb.metadata['language_info'] = {'name': 'python'}
    return front, nb, complaints


def notebooks():
    "The documented notebooks in reading order: the README notebook, the chapters, then subfolders (experiments)."
    paths = [Path(p) for p in nbglob(NBS)]
    return sorted(paths, key=lambda p: (p.name != CFG.readme_nb, len(p.relative_to(NBS).parts), p.relative_to(NBS).as_posix()))


# ---------------------------------------------------------------- maths check

_re_code = re.compile(r'^(```|~~~).*?^\1[^\n]*$|`[^`\n]*`', flags=re.MULTILINE | re.DOTALL)
_re_math = re.compile(r'\$\$(.+?)\$\$|(?<![\\$])\$(?!\s)((?:[^$\\]|\\.)+?)(?<!\s)\$', flags=re.DOTALL)


def _shown(path): return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


_FIX = 'write the LaTeX in a raw string or escape the backslash (a Python "\\t" is a tab, "\\b" a backspace, "\\r" a return)'


def bad_maths(markdown):
    "(maths, control characters) for each piece of maths in `markdown` that holds a control character other than newline."
    src = _re_code.sub(lambda m: ' ' * len(m[0]), markdown)
    for m in _re_math.finditer(src):
        tex = m[1] if m[1] is not None else m[2]
        bad = sorted({c for c in tex if ord(c) < 0x20 and c != '\n'})
        if bad: yield m[0].strip(), bad


def _maths_problem(where, tex, bad):
    return f'{where}: maths {tex[:60]!r} contains control character(s) {", ".join(repr(c) for c in bad)}: {_FIX}'


def math_control_chars(paths=None):
    "Problems: maths in markdown cells holding control characters (tab, carriage return, \\x08 from a Python `\\b`...)."
    problems = []
    for path in paths or notebooks():
        try: nb = nbformat.read(path, as_version=4)
        except Exception as e:
            problems.append(f'{_shown(path)}: cannot be read ({type(e).__name__}: {e})'); continue
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != 'markdown': continue
            where = f'{_shown(path)}: cell {i}' + (f' (id {cell.id})' if cell.get('id') else '')
            problems += [_maths_problem(where, tex, bad) for tex, bad in bad_maths(cell.source)]
    return problems


def math_cmd():
    problems = math_control_chars()
    if problems:
        print('\n'.join(['maths problems:'] + [f'  - {p}' for p in problems]), file=sys.stderr)
        return 1
    print(f'maths check passed: no control characters in the maths of {len(notebooks())} notebook(s)')
    return 0


# ---------------------------------------------------------------- README

_re_md_nb_link = re.compile(r'\]\((?![a-z]+:|#)([^)\s#]+\.ipynb)(#[^)\s]*)?\)')
_re_md_img = re.compile(r'(!\[[^\]\n]*\]\()(?![a-z]+:|/|#)([^)\s]+)')


def page_name(rel):
    "The page nbdev's Quarto site makes of the notebook at `rel` (under nbs/): number prefix dropped, lower case, .html."
    return rel.with_name(re.sub(r'^\d+[a-zA-Z0-9]*_', '', rel.name.lower())).with_suffix('.html')


def _site_link(m): return '](' + SITE_URL + page_name(Path(m[1])).as_posix() + (m[2] or '') + ')'
def _readme_img(m): return m[1] + (NBS.relative_to(ROOT)/m[2]).as_posix()


def render_readme():
    "README text and {relative path: bytes} of its images, from `readme_nb`."
    path = NBS/CFG.readme_nb
    if not path.exists(): sys.exit(f'{path} does not exist: README.md is generated from it')
    front, nb, _ = load(path)
    for cell in nb.cells:  # the README sits outside nbs/: notebook links go to the published pages, images to nbs/
        if cell.cell_type == 'markdown': cell.source = _re_md_img.sub(_readme_img, _re_md_nb_link.sub(_site_link, cell.source))
    files_dir = path.stem + '_files'
    exporter = MarkdownExporter()
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={'remove-input'}), enabled=True)
    body, res = exporter.from_notebook_node(nb, resources={'output_files_dir': files_dir, 'unique_key': path.stem})
    header = f"# {front.get('title', CFG.lib_name)}\n\n"
    if front.get('description'): header += f"> {front['description']}\n\n"
    body = '\n'.join(l.rstrip() for l in body.splitlines())  # no trailing spaces
    body = re.sub(r'\n{3,}', '\n\n', body).strip()
    return header + body + '\n', dict(res.get('outputs', {}))


def readme(check=False):
    text, images = render_readme()
    readme_path, files_dir = ROOT/'README.md', ROOT/(Path(CFG.readme_nb).stem + '_files')
    old_images = {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in files_dir.glob('*') if p.is_file()} if files_dir.exists() else {}
    if check:
        old = readme_path.read_text(encoding='utf-8') if readme_path.exists() else ''
        problems = []
        if old != text:
            diff = list(difflib.unified_diff(old.splitlines(), text.splitlines(), 'README.md (on disk)',
                                             'README.md (from the notebook)', lineterm='', n=1))
            problems.append('README.md is not what nbs/%s generates:\n' % CFG.readme_nb + '\n'.join(diff[:60])
                            + ('\n...' if len(diff) > 60 else ''))
        if old_images != images: problems.append(f'{files_dir.name}/ does not match the images the notebook generates '
                                                 f'(have {sorted(old_images)}, expected {sorted(images)})')
        if problems:
            print('\n\n'.join(problems) + '\n\nRun `python tools/docs.py readme` to regenerate it.', file=sys.stderr)
            return 1
        print('README.md is up to date')
        return 0
    readme_path.write_text(text, encoding='utf-8')
    for name in set(old_images) - set(images): (ROOT/name).unlink()
    for name, data in images.items():
        (ROOT/name).parent.mkdir(exist_ok=True)
        (ROOT/name).write_bytes(data)
    if files_dir.exists() and not any(files_dir.iterdir()): files_dir.rmdir()
    print('wrote README.md' + (f' and {len(images)} image(s) in {files_dir.name}/' if images else ''))
    return 0


# ---------------------------------------------------------------- site sources for Sphinx

def _rel(target, start_dir):
    return os.path.relpath(target.as_posix(), start_dir.as_posix() or '.').replace(os.sep, '/')


class LinkMapper:
    "Rewrites links to the published site and to notebooks into links between the site's source notebooks."
    def __init__(self, pages):  # pages: {notebook path under nbs/: page path (.html) under the site root}
        self.pages, self.by_html = pages, {p.as_posix(): p for p in pages.values()}
        self.problems = []

    def _doc(self, page, here, anchor): return _rel(page.with_suffix('.ipynb'), here.parent) + (anchor or '')

    def __call__(self, md, page, nb_rel):
        def site_link(m):
            target = m[1] or 'index.html'
            if target.endswith('/'): target += 'index.html'
            if target in self.by_html: return '](' + self._doc(self.by_html[target], page, m[2]) + ')'
            self.problems.append(f'{nb_rel}: links to {SITE_URL}{m[1]}, which is no page of this site')
            return m[0]
        md = re.sub(r'\]\(' + re.escape(SITE_URL) + r'([^)\s#]*)(#[^)\s]*)?\)', site_link, md)
        def nb_link(m):
            target = Path(os.path.normpath(nb_rel.parent/m[1]))
            if target in self.pages: return '](' + self._doc(self.pages[target], page, m[2]) + ')'
            return m[0]  # Sphinx reports it as a broken reference
        return re.sub(r'\]\((?![a-z]+:|#|/)([^)\s#]+\.ipynb)(#[^)\s]*)?\)', nb_link, md)


def _write_if_changed(path, text):
    "Write `text` unless the file has it already (Sphinx then keeps the page from its cache)."
    if path.exists() and path.read_text(encoding='utf-8') == text: return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding='utf-8')


def _link_data_files(src):
    "Link the non-notebook files under nbs/ (results, benchmarks, images) into `src`; Sphinx copies the used ones."
    for p in sorted(src.rglob('*'), reverse=True):
        if p.is_symlink(): p.unlink()
    def walk(d):
        for p in sorted(d.iterdir()):
            if p.name.startswith(('.', '_')) or p.suffix in ('.ipynb', '.yml') or p.name == 'styles.css': continue
            dst = src/p.relative_to(NBS)
            if p.is_dir() and any(p.rglob('*.ipynb')): walk(p); continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.symlink_to(p.resolve(), target_is_directory=p.is_dir())
    walk(NBS)


def _toctree(caption, pages):
    return '\n'.join(['```{toctree}', ':hidden:', f':caption: {caption}', ''] + [p.with_suffix('').as_posix() for p in pages] + ['```'])


def write_sources(src):
    "Process every notebook and write the site's sources into `src`; return (pages, problems, style complaints)."
    t0, problems, complaints, loaded = time.time(), [], [], []
    for nb_path in notebooks():
        t = time.time()
        try: front, nb, nb_complaints = load(nb_path)
        except Exception as e:
            problems.append(f'{nb_path.relative_to(ROOT)}: nbdev processing failed: {type(e).__name__}: {e}')
            print(problems[-1], file=sys.stderr)
            continue
        complaints += [f'{nb_path.relative_to(ROOT)}: {c}' for c in nb_complaints]
        for cell in nb.cells:  # show_doc's markdown: a docstring's maths (the cells' own are checked by math_control_chars)
            if cell.metadata.pop('from_output', False):
                title = cell.source.lstrip('#').split('\n', 1)[0].strip()
                problems += [_maths_problem(f'{nb_path.relative_to(ROOT)}: output {title[:40]!r}', tex, bad) for tex, bad in bad_maths(cell.source)]
        loaded.append((nb_path.relative_to(NBS), front, nb))
        print(f'processed {nb_path.relative_to(ROOT)} in {time.time() - t:.1f}s', flush=True)
    pages = {rel: rel.parent/front.get('output-file', page_name(rel).name) for rel, front, _ in loaded}
    seen = {}
    for rel, page in pages.items():
        if page in seen: problems.append(f'{rel} and {seen[page]} both render to {page}')
        seen[page] = rel
    links = LinkMapper(pages)
    chapters = [pages[r] for r, _, _ in loaded if len(r.parts) == 1 and r.name != CFG.readme_nb]
    sections = {}
    for r, _, _ in loaded:
        if len(r.parts) > 1: sections.setdefault(r.parts[0], []).append(pages[r])
    written = set()
    for rel, front, nb in loaded:
        page = pages[rel]
        for cell in nb.cells:
            if cell.cell_type == 'markdown': cell.source = links(cell.source, page, rel)
        title = str(front.get('title', rel.stem))
        head = f'# {title}'
        if front.get('description'): head += '\n\n{.description}\n' + links(str(front['description']), page, rel)
        nb.cells.insert(0, nbformat.v4.new_markdown_cell(head))
        if rel.name == CFG.readme_nb and len(rel.parts) == 1:
            nb.cells.append(nbformat.v4.new_markdown_cell(_toctree('Chapters', chapters)))
            for folder, sub in sections.items(): nb.cells.append(nbformat.v4.new_markdown_cell(_toctree(folder.replace('_', ' ').title(), sub)))
        for i, cell in enumerate(nb.cells): cell.id = f'c{i:04d}'  # stable ids: unchanged notebooks stay cached
        nb.metadata.pop('widgets', None)
        target = src/page.with_suffix('.ipynb')
        _write_if_changed(target, nbformat.writes(nb))
        written.add(target)
    for p in src.rglob('*.ipynb'):
        if p not in written and not p.is_symlink(): p.unlink()  # a notebook that is gone or renamed
    _link_data_files(src)
    print(f'processed {len(loaded)} notebook(s) in {time.time() - t0:.1f}s', flush=True)
    return pages, problems + links.problems, complaints


# ---------------------------------------------------------------- HTML

_re_code_like = re.compile(r'<(pre|code|script|style|textarea)\b.*?</\1>', flags=re.DOTALL | re.IGNORECASE)
_re_table = re.compile(r'<table\b.*?</table>', flags=re.DOTALL | re.IGNORECASE)
def _plain(s): return html.unescape(re.sub(r'<[^>]+>', '', s))


def check_html(out, pages):
    "Problems with the built site, as messages; empty when it is complete."
    problems = []
    for rel, page in pages.items():
        if not (out/page).is_file(): problems.append(f'nbs/{rel.as_posix()}: {page} is missing')
    if not (out/'index.html').exists(): problems.append('index.html is missing')
    if not (out/'search.html').exists() or not (out/'searchindex.js').exists(): problems.append('the search page or index is missing')
    display_math = api_table_pages = 0
    for page in sorted(out.rglob('*.html')):
        text, name = page.read_text(encoding='utf-8'), page.relative_to(out)
        if re.search(r'<div class="math[ "]', text): display_math += 1
        for table in _re_table.findall(text):
            heads = [_plain(h).strip() for h in re.findall(r'<th\b[^>]*>(.*?)</th>', table, flags=re.DOTALL)]
            if {'Type', 'Details'} & set(heads): api_table_pages += 1; break
        prose = _re_code_like.sub('', text)
        if '$$' in prose: problems.append(f'{name}: contains raw $$ (display maths that was not recognised)')
        for pat, what in ((r'\]\([^)\s]*\)\{[^}]*\}', 'Quarto link attributes'), (r'^:::', 'a Quarto ::: div')):
            if re.search(pat, prose, flags=re.MULTILINE): problems.append(f'{name}: shows {what} as text')
        for m in re.finditer(r'<script\b[^>]*\bsrc="((?:https?:)?//[^"]*)"|<link\b[^>]*\brel="(?:stylesheet|preload)"[^>]*\bhref="((?:https?:)?//[^"]*)"'
                             r'|<(?:img|iframe)\b[^>]*\bsrc="((?:https?:)?//[^"]*)"', text):
            problems.append(f'{name}: loads {m[1] or m[2] or m[3]} from the network')
    if not display_math: problems.append('no page contains display maths (<div class="math ...">)')
    if not api_table_pages: problems.append('no page contains a show_doc API table (<table> with a Type or Details header)')
    if not problems:
        print(f'html check passed: {len(pages)} notebook page(s); display maths on {display_math} page(s); '
              f'API tables on {api_table_pages} page(s); no raw $$; nothing loaded from the network')
    return problems


def sphinx_build(src, check):
    "Run Sphinx into _build/site/html; return its warnings (with --check, a full rebuild so that every page's are seen)."
    html_dir, warn_file = BUILD/'html', BUILD/'warnings.txt'  # (myst-nb writes the outputs' images beside html/)
    cmd = [sys.executable, '-m', 'sphinx', '-b', 'html', '-c', str(CONF), '-d', str(BUILD/'doctrees'),
           '-w', str(warn_file), '-q', str(src), str(html_dir)]
    if check: cmd[3:3] = ['-E', '-a']
    t = time.time()
    rc = subprocess.run(cmd).returncode
    warnings = [l for l in warn_file.read_text(encoding='utf-8').splitlines() if l.strip()] if warn_file.exists() else []
    print(f'sphinx built {html_dir.relative_to(ROOT)} in {time.time() - t:.1f}s ({len(warnings)} warning line(s))', flush=True)
    if rc and not warnings: warnings = [f'sphinx-build exited with status {rc}']
    return html_dir, [w.replace(str(src) + os.sep, 'nbs/ (processed) ') for w in warnings]


def html_cmd(check=False, out=None):
    t0 = time.time()
    out, src = Path(out or CFG.doc_path).resolve(), BUILD/'src'
    if out == ROOT or out in ROOT.parents or (out.exists() and any(out.iterdir()) and not (out/'index.html').exists()):
        sys.exit(f'refusing to replace {out}: it is not empty and holds no site (index.html)')
    problems = math_control_chars() if check else []
    pages, errors, complaints = write_sources(src)
    problems += errors
    if check: problems += complaints
    elif complaints: print('\n'.join(['notebook problems (html --check fails on them):'] + [f'  - {c}' for c in complaints]), file=sys.stderr)
    if check: shutil.rmtree(BUILD/'html', ignore_errors=True)
    html_dir, warnings = sphinx_build(src, check)
    shutil.rmtree(out, ignore_errors=True)
    if html_dir.exists(): shutil.copytree(html_dir, out, ignore=shutil.ignore_patterns('.buildinfo', '.doctrees'))
    if check:
        problems += [f'sphinx: {w}' for w in warnings]
        problems += check_html(out, pages)
    elif warnings: print('\n'.join(['sphinx warnings:'] + [f'  {w}' for w in warnings]), file=sys.stderr)
    print(f'site: {len(pages)} page(s) in {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}, '
          f'built in {time.time() - t0:.1f}s; open {out/"index.html"}')
    if problems:
        print('\n'.join(['html build problems:'] + [f'  - {p}' for p in problems]), file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split('\n', 2)[2])
    sub = parser.add_subparsers(dest='command', required=True)
    p = sub.add_parser('readme', help=f'write README.md from nbs/{CFG.readme_nb}')
    p.add_argument('--check', action='store_true', help='do not write; exit 1 if README.md is out of date')
    p = sub.add_parser('html', help=f'build the docs site into {CFG.doc_path.name}/ with Sphinx')
    p.add_argument('--check', action='store_true', help='full rebuild; fail on Sphinx warnings (broken references), '
                   'maths with control characters, missing pages, raw $$, anything loaded from the network')
    p.add_argument('--out', help=f'output folder (default: {CFG.doc_path.name}/)')
    sub.add_parser('math', help='check that no markdown cell has control characters (a tab, a return...) in its maths')
    args = parser.parse_args()
    if args.command == 'readme': sys.exit(readme(args.check))
    sys.exit(html_cmd(args.check, args.out) if args.command == 'html' else math_cmd())

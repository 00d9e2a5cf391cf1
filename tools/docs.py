"""Build README.md and a local static docs site from the notebooks, without Quarto.

    python tools/docs.py readme            # write README.md (+ index_files/ images) from nbs/index.ipynb
    python tools/docs.py readme --check    # exit 1, with a diff, if README.md is out of date
    python tools/docs.py html              # build _docs/: one page per notebook, index.html first
    python tools/docs.py html --check      # build, then verify pages, MathML, API tables, no raw $$

`nbdev_docs` (Quarto) stays the way the published site is built; this is the path that works where
Quarto is missing. Each notebook goes through nbdev's own docs processing (`FilterDefaults`, as
`nbdev_proc_nbs` does): the title cell becomes front matter, hidden and exported cells disappear,
exported functions get a `show_doc` cell, and backticked names link to their docs. Two things are
added on top, for both outputs:
- each `show_doc` ends with a parameter table (Type / Default / Details, the table older nbdev
  versions printed; fastcore >= 1.8 only prints the signature);
- symbol links come from this repo's `mann_nb/_modidx.py` alone, so the output does not depend on
  which packages are installed (and `source` links of imported symbols get their line number).
Quarto's cell options are then applied by hand (`#| echo: false`, `output: false|asis`,
`include: false`) and the notebook is converted with nbconvert:
- readme: MarkdownExporter (GitHub-flavoured Markdown, `# title` + `> description` header; LaTeX is
  left as `$...$` for GitHub to render; image outputs go to `index_files/`).
- html: HTMLExporter (lab template) with LaTeX converted to MathML by latex2mathml while nbconvert
  parses the markdown (so `_` and `*` inside math are never emphasis, and `$` in code is untouched);
  no scripts are loaded, so pages work offline. Links to the published site become relative links.
"""
import argparse, difflib, html, inspect, os, re, shutil, sys, time
from pathlib import Path
from xml.etree.ElementTree import tostring

ROOT = Path(__file__).resolve().parents[1]
os.chdir(ROOT)
sys.path.insert(0, str(ROOT))  # the processed notebooks import the library from this checkout

import nbformat
from execnb.nbio import read_nb, nb2str
from fastcore.docments import DocmentTbl
from fastcore.basics import merge
from jinja2 import DictLoader, pass_context
from latex2mathml.converter import convert_to_element
from nbconvert import HTMLExporter, MarkdownExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbconvert.preprocessors import TagRemovePreprocessor
import nbdev.doclinks, nbdev.showdoc
from nbdev.config import get_config
from nbdev.doclinks import nbglob, _nbpath2html, _qual_syms
from nbdev.frontmatter import _fm2dict
from nbdev.processors import FilterDefaults

CFG = get_config()
NBS = CFG.nbs_path
SITE_URL = '/'.join(s.strip('/') for s in (CFG.doc_host, CFG.doc_baseurl) if s.strip('/')) + '/'


# ---------------------------------------------------------------- nbdev processing

def _lookup_table(strip_libs=None, incl_libs=None, skip_mods=None):
    "Replacement for nbdev's symbol table: only this repo's `_modidx.py`, short names first."
    modidx = CFG.lib_path/'_modidx.py'
    if not modidx.exists(): return {}, {}
    ns = {}
    exec(modidx.read_text(encoding='utf-8'), ns)
    entry = _qual_syms(ns['d'])
    full = merge(*entry['syms'].values())
    short = {}
    for mod, syms in entry['syms'].items():
        for name, url in syms.items(): short.setdefault(name.removeprefix(mod + '.'), url)
    return {CFG.lib_name: entry}, merge(short, full)


def _cell_text(s): return str(s).replace('\\', '\\\\').replace('|', '\\|').replace('*', '\\*').replace('<', '&lt;')


def api_table(sym):
    "Markdown parameter table for `sym`: the Type / Default / Details columns that have content, or ''."
    try: tbl = DocmentTbl(sym); cols, rows = tbl._columns, [(p, tbl.dm[p]) for p in tbl.params if p != 'self' and p in tbl.dm]
    except Exception: return ''  # no signature (e.g. some builtins): show_doc's own output is all there is
    if not cols or not rows: return ''
    def cell(col, props):
        v = props.get(col, inspect.Parameter.empty)
        if v is inspect.Parameter.empty: return ''
        if col == 'default' and isinstance(v, str): v = repr(v)
        return _cell_text(getattr(v, '__name__', v))
    lines = ['|  | ' + ' | '.join(f'**{h}**' for h in cols.values()) + ' |', '|' + ' -- |' * (len(cols) + 1)]
    lines += ['| ' + _cell_text(name) + ' | ' + ' | '.join(cell(c, props) for c in cols) + ' |' for name, props in rows]
    if tbl.has_return: lines.append('| **Returns** | ' + ' | '.join(cell(c, tbl.dm['return']) for c in cols) + ' |')
    return '\n'.join(lines)


_nbdev_lineno = nbdev.doclinks._lineno
def _lineno(sym, fname):
    "nbdev's source line lookup, also for module-qualified names (imported symbols got `#LNone` links)."
    return _nbdev_lineno(sym.removeprefix(fname.removesuffix('.py').replace('/', '.') + '.') if fname else sym, fname)


_show_doc_md = nbdev.showdoc.BasicMarkdownRenderer._repr_markdown_
def _show_doc_with_table(self):
    table = api_table(self.sym)
    return _show_doc_md(self) + ('\n\n' + table if table else '')


def _patch_nbdev():
    nbdev.doclinks._build_lookup_table, nbdev.doclinks._lineno = _lookup_table, _lineno
    nbdev.showdoc.BasicMarkdownRenderer._repr_markdown_ = _show_doc_with_table


def process_nb(path):
    "Run nbdev's docs processing on the notebook at `path`; return it as an nbformat node."
    _patch_nbdev()
    nb = read_nb(path)
    cwd, in_test = os.getcwd(), os.environ.get('IN_TEST')
    os.environ['IN_TEST'] = '1'  # as nbdev's docs processing sets it
    os.chdir(path.parent)  # as when the notebook runs
    try: FilterDefaults()(nb)
    finally:
        os.chdir(cwd)
        if in_test is None: del os.environ['IN_TEST']
        else: os.environ['IN_TEST'] = in_test
    return nbformat.reads(nb2str(nb), as_version=4)


# ---------------------------------------------------------------- Quarto semantics

_re_directive = re.compile(r'^\s*#\|\s*([\w-]+)\s*(?::\s*(.*?))?\s*$')
_re_attr_link = re.compile(r'\[([^\]\n]+)\]\(([^)\s]+)\)\{([^}\n]*)\}')
_re_fenced_div = re.compile(r'^:{3,}.*\n?', flags=re.MULTILINE)


def _attr_link(m):
    text, url, spec = m.groups()
    attrs = [f'href="{html.escape(url)}"']
    for key, val, cls, ident in re.findall(r'([\w-]+)="([^"]*)"|\.([\w-]+)|#([\w-]+)', spec):
        if key: attrs.append(f'{key}="{html.escape(val)}"')
        elif cls: attrs.append(f'class="{cls}"')
        elif ident: attrs.append(f'id="{ident}"')
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
    "Apply Quarto's cell options and split off the front matter; return (front matter dict, nb)."
    front, cells = {}, []
    for cell in nb.cells:
        if cell.cell_type == 'raw':  # nbdev's front matter; other raw cells are not rendered by Quarto either
            if not front: front = _fm2dict(cell.source) or {}
            continue
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
            if md.strip(): cells.append(nbformat.v4.new_markdown_cell(quarto_md(md)))
            continue
        if opts.get('echo') == 'false' or not cell.source:
            cell.metadata.setdefault('tags', []).append('remove_input')
            if not cell.outputs: continue
        cells.append(cell)
    nb.cells = cells
    return front, nb


def load(path):
    "Processed notebook at `path`: (front matter, nbformat node ready for nbconvert)."
    front, nb = apply_cell_options(process_nb(path))
    if not nb.metadata.get('language_info', {}).get('name'): nb.metadata['language_info'] = {'name': 'python'}
    return front, nb


def notebooks():
    "The documented notebooks in reading order: the README notebook first, then by path."
    paths = [Path(p) for p in nbglob(NBS)]
    return sorted(paths, key=lambda p: (p.name != CFG.readme_nb, p.relative_to(NBS).as_posix()))


# ---------------------------------------------------------------- README

_re_md_nb_link = re.compile(r'\]\((?![a-z]+:|#)([^)\s#]+\.ipynb)(#[^)\s]*)?\)')
def _site_link(m): return f'](' + SITE_URL + _nbpath2html(Path(m[1])).as_posix() + (m[2] or '') + ')'
_re_md_img = re.compile(r'(!\[[^\]\n]*\]\()(?![a-z]+:|/|#)([^)\s]+)')
def _readme_img(m): return m[1] + (NBS.relative_to(ROOT)/m[2]).as_posix()

def render_readme():
    "README text and {relative path: bytes} of its images, from `readme_nb`."
    path = NBS/CFG.readme_nb
    if not path.exists(): sys.exit(f'{path} does not exist: README.md is generated from it')
    front, nb = load(path)
    for cell in nb.cells:  # the README sits outside nbs/: notebook links go to the published pages, images to nbs/
        if cell.cell_type == 'markdown': cell.source = _re_md_img.sub(_readme_img, _re_md_nb_link.sub(_site_link, cell.source))
    files_dir = path.stem + '_files'
    exporter = MarkdownExporter()
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={'remove_input'}), enabled=True)
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


# ---------------------------------------------------------------- HTML

_re_entity = re.compile(r'&#x([0-9a-fA-F]+);')
_re_unknown_cmd = re.compile(r'\\[A-Za-z]+')


def tex2mathml(tex, display):
    "MathML for the LaTeX `tex`; (html, error or None). Unknown commands and stray `&` count as errors."
    src = re.sub(r'\\(begin|end)\{aligned\}', r'\\\1{split}', tex)  # latex2mathml knows split, not aligned
    try: math = convert_to_element(src, display='block' if display else 'inline')
    except Exception as e: return None, f'{type(e).__name__} {e}'.strip()
    bad = []
    for el in math.iter():  # latex2mathml stores entities as text; decode them so tostring escapes properly
        if el.text: el.text = _re_entity.sub(lambda m: chr(int(m[1], 16)), el.text)
        if el.tail: el.tail = _re_entity.sub(lambda m: chr(int(m[1], 16)), el.tail)
        if el.tag in ('mi', 'mo', 'mtext') and el.text and (_re_unknown_cmd.match(el.text) or el.text == '&'): bad.append(el.text)
        if el.tag == 'mo' and el.text in ('|', '\u2016') and 'fence' not in el.attrib:  # TeX spaces |x| as ordinary
            el.set('lspace', '0'); el.set('rspace', '0')
    if bad: return None, 'not understood by latex2mathml: ' + ' '.join(dict.fromkeys(bad))
    del math.attrib['xmlns']
    math.set('display', 'block' if display else 'inline')
    return tostring(math, encoding='unicode'), None


def _plain(s): return html.unescape(re.sub(r'<[^>]+>', '', s))


def pandoc_id(text):
    "Heading id as Pandoc/Quarto make it (nbdev's doc links point at these)."
    s = re.sub(r'[^\w\s.-]', '', _plain(text).lower().replace('¶', ''))
    s = re.sub(r'^[^a-z]+', '', re.sub(r'\s+', '-', s.strip()))
    return s or 'section'


class MathMLRenderer(IPythonRenderer):
    "nbconvert's markdown renderer with math turned into MathML and Pandoc-style heading ids."
    def __init__(self, page, **kw):
        super().__init__(**kw)
        self.page = page

    def _math(self, tex, display):
        out, err = tex2mathml(tex, display)
        if out is not None: return out
        self.page['math_errors'].append(f'{tex.strip()!r}: {err}')
        delim = '$$' if display else '$'
        return f'<code class="math-error" title="{html.escape(err)}">{html.escape(delim + tex + delim)}</code>'

    def block_math(self, body): return self._math(body, True)
    def inline_math(self, body): return self._math(body, False)
    def latex_environment(self, name, body): return self._math(f'\\begin{{{name}}}{body}\\end{{{name}}}', True)

    def heading(self, text, level, **attrs):
        ident, ids = pandoc_id(text), self.page['ids']
        base, n = ident, 0
        while ident in ids: n += 1; ident = f'{base}-{n}'
        ids.add(ident)
        return f'<h{level} id="{ident}">{text}<a class="anchor-link" href="#{ident}">¶</a></h{level}>\n'


class SiteExporter(HTMLExporter):
    "HTMLExporter whose markdown goes through `MathMLRenderer`."
    page = None
    @pass_context
    def markdown2html(self, context, source):
        cell = context.get('cell', {})
        renderer = MathMLRenderer(self.page, escape=False, attachments=cell.get('attachments', {}),
                                  path=context.get('resources', {}).get('metadata', {}).get('path', ''),
                                  anchor_link_text=self.anchor_link_text, **self.lexer_options)
        return MarkdownWithMath(renderer=renderer).render(source)


SITE_CSS = """
body.jp-Notebook { margin: 0; padding: 0; }
nav.site-nav { position: fixed; top: 0; left: 0; bottom: 0; width: 220px; overflow-y: auto; padding: 20px 16px;
  box-sizing: border-box; background: #f6f8fa; border-right: 1px solid #ddd; font-size: 14px; }
nav.site-nav .site-title { font-weight: bold; font-size: 17px; display: block; margin-bottom: 12px; color: #222; text-decoration: none; }
nav.site-nav ol { list-style: none; padding: 0; margin: 0; }
nav.site-nav li { margin: 6px 0; }
nav.site-nav a.current { font-weight: bold; color: #000; }
main { margin-left: 240px; max-width: 960px; padding: 8px 24px 48px; }
header.page-header h1 { margin-bottom: 4px; }
header.page-header p.description { font-size: 1.15em; color: #555; margin-top: 0; }
main .jp-RenderedHTMLCommon table { margin: 8px auto 16px 0; }
main .jp-RenderedHTMLCommon a code { color: #0b5cad; }
main .jp-InputArea, main .jp-InputArea-editor { overflow-x: auto; }
mtd[columnalign="right"] { text-align: right; }
mtd[columnalign="left"] { text-align: left; }
math[display="block"] { margin: 0.6em 0; font-size: 1.15em; }
math { font-size: 1.1em; }
code.math-error { color: #b00; }
@media (max-width: 800px) { nav.site-nav { position: static; width: auto; } main { margin-left: 0; } }
"""

PAGE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{% block extra_css %}<style type="text/css">{{ resources.site_css }}</style>{% endblock extra_css %}
{%- block body_header -%}
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
{{ resources.site_nav }}
<main>
<header class="page-header jp-RenderedHTMLCommon">{{ resources.page_header }}</header>
{%- endblock body_header -%}
"""


def page_path(nb_path, front):
    "Where the page for `nb_path` goes, relative to the site root (nbdev's `output-file` name)."
    return nb_path.relative_to(NBS).parent/front.get('output-file', nb_path.with_suffix('.html').name)


def _rel(target, page):
    return os.path.relpath(target, page.parent.as_posix() or '.').replace(os.sep, '/')


def _nav(pages, current):
    items = []
    for nb_path, page, title in pages:
        cls = ' class="current"' if page == current else ''
        items.append(f'<li><a href="{_rel(page.as_posix(), current)}"{cls}>{html.escape(title)}</a></li>')
    home = _rel('index.html', current)
    return (f'<nav class="site-nav"><a class="site-title" href="{home}">{html.escape(CFG.title)}</a>'
            f'<ol>{"".join(items)}</ol></nav>')


def _fix_links(body, page, nb_pages):
    "Published-site URLs and links to notebooks become relative links inside the local site."
    root = '' if page.parent == Path('.') else _rel('.', page) + '/'
    body = body.replace(f'href="{SITE_URL}', f'href="{root}')
    def nb_link(m):
        target = (NBS/page.parent/m[1]).resolve()
        return f'href="{_rel(nb_pages[target].as_posix(), page)}{m[2] or ""}"' if target in nb_pages else m[0]
    return re.sub(r'href="(?!https?:)([^"#]+\.ipynb)(#[^"]*)?"', nb_link, body)


def build_html(out):
    "Build the site into `out`; return (pages {notebook: page path}, build errors)."
    t0 = time.time()
    nbs, loaded, errors = notebooks(), [], []
    for nb_path in nbs:
        t = time.time()
        try: front, nb = load(nb_path)
        except Exception as e:
            errors.append(f'{nb_path.relative_to(ROOT)}: nbdev processing failed: {type(e).__name__}: {e}')
            print(errors[-1], file=sys.stderr)
            continue
        loaded.append((nb_path, front, nb, page_path(nb_path, front)))
        print(f'processed {nb_path.relative_to(ROOT)} in {time.time() - t:.1f}s', flush=True)
    seen = {}
    for nb_path, _, _, page in loaded:
        if page in seen: errors.append(f'{nb_path.name} and {seen[page].name} both render to {page}')
        seen[page] = nb_path
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for src in nbglob(NBS, file_glob='', skip_file_re=r'^[_.]|\.(ipynb|yml)$'):  # images and data the pages refer to
        dst = out/Path(src).relative_to(NBS)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
    pages = [(p, page, str(front.get('title', p.stem))) for p, front, _, page in loaded]
    nb_pages = {p.resolve(): page for p, _, _, page in loaded}
    exporter = SiteExporter(template_name='lab', template_file='site.html.j2', exclude_input_prompt=True,
                            exclude_output_prompt=True, extra_loaders=[DictLoader({'site.html.j2': PAGE_TEMPLATE})])
    exporter.register_preprocessor(TagRemovePreprocessor(remove_input_tags={'remove_input'}), enabled=True)
    for nb_path, front, nb, page in loaded:
        exporter.page = {'ids': set(), 'math_errors': []}
        title = str(front.get('title', nb_path.stem))
        nb.metadata['title'] = title
        header = f'<h1 id="title">{html.escape(title)}</h1>'
        if front.get('description'):
            desc = exporter.markdown2html({}, str(front['description'])).strip()
            header += f'<p class="description">{re.sub(r"^<p>|</p>$", "", desc)}</p>'
        resources = {'metadata': {'name': nb_path.stem, 'path': str(nb_path.parent)}, 'site_css': SITE_CSS,
                     'site_nav': _nav(pages, page), 'page_header': header}
        body, _ = exporter.from_notebook_node(nb, resources=resources)
        for err in exporter.page['math_errors']: errors.append(f'{nb_path.relative_to(ROOT)}: math: {err}')
        (out/page).parent.mkdir(parents=True, exist_ok=True)
        (out/page).write_text(_fix_links(body, page, nb_pages), encoding='utf-8')
    if Path('index.html') not in {page for _, _, _, page in loaded}:  # no index notebook yet: a contents page
        links = ''.join(f'<li><a href="{page.as_posix()}">{html.escape(t)}</a></li>' for _, page, t in pages)
        (out/'index.html').write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{CFG.title}'
                                      f'</title><style>{SITE_CSS}</style></head><body>{_nav(pages, Path("index.html"))}'
                                      f'<main><h1>{html.escape(CFG.title)}</h1><p>{html.escape(CFG.description)}</p>'
                                      f'<ol>{links}</ol></main></body></html>\n', encoding='utf-8')
    print(f'built {len(loaded)} page(s) in {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} '
          f'in {time.time() - t0:.1f}s')
    return {p: page for p, _, _, page in loaded}, errors


_re_code_like = re.compile(r'<(pre|code|script|style|textarea)\b.*?</\1>', flags=re.DOTALL | re.IGNORECASE)
_re_table = re.compile(r'<table\b.*?</table>', flags=re.DOTALL | re.IGNORECASE)


def check_html(out, pages, errors):
    "Problems with the built site, as messages; empty when it is complete."
    problems = list(errors)
    for nb_path in notebooks():
        if nb_path not in pages: problems.append(f'{nb_path.relative_to(ROOT)}: no page was built')
        elif not (out/pages[nb_path]).is_file(): problems.append(f'{nb_path.relative_to(ROOT)}: {pages[nb_path]} is missing')
    index = out/'index.html'
    if not index.exists(): problems.append('index.html is missing')
    else:
        text = index.read_text(encoding='utf-8')
        for nb_path, page in pages.items():
            if f'href="{page.as_posix()}"' not in text and page != Path('index.html'):
                problems.append(f'index.html does not link to {page} ({nb_path.name})')
    display_math = api_table_pages = 0
    for page in sorted(out.rglob('*.html')):
        text, name = page.read_text(encoding='utf-8'), page.relative_to(out)
        if re.search(r'<math\b[^>]*\bdisplay="block"', text): display_math += 1
        for table in _re_table.findall(text):
            heads = [_plain(h).strip() for h in re.findall(r'<th\b[^>]*>(.*?)</th>', table, flags=re.DOTALL)]
            if {'Type', 'Details'} & set(heads): api_table_pages += 1; break
        prose = _re_code_like.sub('', text)
        if '$$' in prose: problems.append(f'{name}: contains raw $$ (display math that was not converted)')
        if 'class="math-error"' in text: problems.append(f'{name}: contains LaTeX that could not be converted to MathML')
        for m in re.finditer(r'<script\b[^>]*\bsrc="(https?:[^"]*)"|<link\b[^>]*\bhref="(https?:[^"]*)"', text):
            problems.append(f'{name}: loads {m[1] or m[2]} from the network')
    if not display_math: problems.append('no page contains display math rendered as <math display="block">')
    if not api_table_pages: problems.append('no page contains a show_doc API table (<table> with a Type or Details header)')
    if not problems:
        print(f'html check passed: {len(pages)} notebook page(s) + index.html; display math on {display_math} page(s); '
              f'API tables on {api_table_pages} page(s); no raw $$; no math errors; nothing loaded from the network')
    return problems


def html_cmd(check=False, out=None):
    out = Path(out or CFG.doc_path).resolve()
    pages, errors = build_html(out)
    problems = check_html(out, pages, errors) if check else errors
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
    p = sub.add_parser('html', help=f'build the static site into {CFG.doc_path.name}/')
    p.add_argument('--check', action='store_true', help='also verify the site (pages, MathML, API tables, no raw $$)')
    p.add_argument('--out', help=f'output folder (default: {CFG.doc_path.name}/)')
    args = parser.parse_args()
    sys.exit(readme(args.check) if args.command == 'readme' else html_cmd(args.check, args.out))

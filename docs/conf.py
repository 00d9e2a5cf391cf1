"""Sphinx configuration of the mann_nb docs site. Build it with `python tools/docs.py html`.

tools/docs.py runs nbdev's docs processing on every notebook in nbs/ and writes the processed
notebooks into _build/site/src/; Sphinx (myst-nb, Furo theme) turns them into _docs/. The
notebooks' saved outputs are shown as they are: nothing is executed at build time.
"""
import shutil, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent/'_ext'))

from nbdev.config import get_config
cfg = get_config(path=ROOT)

project = cfg.title
author = cfg.author
copyright = cfg.copyright
release = version = cfg.version
language = 'en'
root_doc = 'index'

extensions = ['myst_nb', 'sphinx.ext.mathjax', 'sphinx_copybutton', 'mann_docs']
source_suffix = {'.ipynb': 'myst-nb'}  # the processed notebooks only: results/, benchmarks/ hold data
exclude_patterns = ['**/.ipynb_checkpoints']

# ---- notebooks: show the saved outputs, execute nothing
nb_execution_mode = 'off'
nb_merge_streams = True
nb_render_markdown_format = 'myst'  # markdown outputs (show_doc, tables) get the same maths as cells
nb_ipywidgets_js = {}  # widget state is not rendered (it would load scripts from the network)

# ---- markdown: $...$ maths, heading ids as nbdev's symbol links expect them
myst_enable_extensions = ['dollarmath', 'amsmath', 'attrs_inline', 'attrs_block', 'html_image']
myst_dmath_double_inline = True
myst_heading_anchors = 6
myst_heading_slug_func = 'mann_docs.pandoc_id'
suppress_warnings = ['myst.header',  # show_doc headings are h3 wherever they sit
                     'misc.highlighting_failure']  # a shell line with a <placeholder> is still shown, unhighlighted

# ---- maths: MathJax 3 served from the site itself (works offline)
mathjax_path = 'mathjax/tex-chtml-full.js'

# ---- theme
html_theme = 'furo'
html_title = cfg.title
html_short_title = cfg.title
html_static_path = ['_static']
html_css_files = ['site.css']
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
_github_svg = ('<svg stroke="currentColor" fill="currentColor" stroke-width="0" viewBox="0 0 16 16"><path fill-rule="evenodd" '
    'd="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38 0-.19-.01-.82-.01-1.49-2.01.37-2.53-.49-2.69-.94'
    '-.09-.23-.48-.94-.82-1.13-.28-.15-.68-.52-.01-.53.63-.01 1.08.58 1.23.82.72 1.21 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78'
    '-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82.64-.18 1.32-.27 2-.27.68 0 1.36.09 '
    '2 .27 1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48 '
    '0 1.07-.01 1.93-.01 2.2 0 .21.15.46.55.38A8.013 8.013 0 0 0 16 8c0-4.42-3.58-8-8-8z"></path></svg>')
html_theme_options = {
    'footer_icons': [{'name': 'GitHub', 'url': cfg.git_url, 'html': _github_svg, 'class': ''}],
    'navigation_with_keys': True,
}

# ---- copy buttons: skip prompts and outputs
copybutton_prompt_text = r'>>> |\.\.\. |\$ '
copybutton_prompt_is_regexp = True
copybutton_exclude = '.linenos, .gp, .go'

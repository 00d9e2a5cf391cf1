"""Sphinx extension for the mann_nb site: nbdev-compatible heading ids and a local MathJax.

- `pandoc_id` makes heading ids the way Pandoc/Quarto do, which is what nbdev's symbol links
  (`controllers.html#dnc.forward`) point at, so the same links work on both sites.
- MathJax 3 (the `tex-chtml-full.js` bundle and its web fonts) is copied from the
  `django-static-mathjax` package into `_static/mathjax/`: the site loads nothing from the network.
"""
import html, re, shutil
from pathlib import Path


def pandoc_id(text):
    "Heading id as Pandoc makes it: lower case, punctuation other than `_-.` dropped, spaces to `-`."
    s = html.unescape(re.sub(r'<[^>]+>', '', text)).lower()
    s = re.sub(r'[^\w\s.-]', '', s)
    s = re.sub(r'^[^a-z]+', '', re.sub(r'\s+', '-', s.strip()))
    return s or 'section'


MATHJAX_FILES = ['tex-chtml-full.js', 'output/chtml/fonts/woff-v2']


def mathjax_source():
    "The es5 folder of the MathJax 3 distribution that the `django-static-mathjax` package ships."
    try: import mathjax
    except ImportError as e:
        raise RuntimeError('MathJax is missing: pip install django-static-mathjax (it ships MathJax 3 for offline use)') from e
    return Path(mathjax.__file__).parent/'static'/'mathjax'/'es5'


def copy_mathjax(app, exception):
    if exception is not None or app.builder.format != 'html': return
    src, dst = mathjax_source(), Path(app.outdir)/'_static'/'mathjax'
    for name in MATHJAX_FILES:
        if (src/name).is_dir(): shutil.copytree(src/name, dst/name, dirs_exist_ok=True)
        else:
            (dst/name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src/name, dst/name)
    license = src.parent/'LICENSE'
    if license.exists(): shutil.copy2(license, dst/'LICENSE')


def setup(app):
    mathjax_source()  # fail early, with the install command, when MathJax is missing
    app.connect('build-finished', copy_mathjax)
    return {'parallel_read_safe': True, 'parallel_write_safe': True}

"""Execute notebooks in place so that their saved outputs (tables, plots) are fresh for the docs.

    python tools/run_nbs.py nbs/01_content_addressing.ipynb [more.ipynb ...] [--flags slow]

Cells are skipped exactly as `nbdev_test` skips them: `#| eval: false`, and cells carrying a
flag from `tst_flags` in settings.ini (e.g. `#| slow`) unless that flag is passed in --flags.
A skipped cell keeps the output it had. Run `nbdev_clean` afterwards.
"""
import argparse, os, sys
from pathlib import Path

from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from nbdev.config import get_config
from nbdev.process import NBProcessor
from nbdev.frontmatter import FrontmatterProc


def _skipper(flags):
    def skip(cell):
        if cell.cell_type != 'code': return True
        if 'nbdev_export(' in cell.source: return True
        directives = getattr(cell, 'directives_', {}) or {}
        if directives.get('eval:', [''])[0].lower() == 'false': return True
        return bool(flags & directives.keys())
    return skip


def run_nb(path: Path, force_flags=()):
    "Execute `path` in place, stopping at the first error."
    skip_flags = set(get_config().tst_flags.split()) - set(force_flags)
    processed = NBProcessor(path, procs=FrontmatterProc, process=True).nb  # parses the `#|` directives
    nb = read_nb(path)
    for cell, parsed in zip(nb.cells, processed.cells): cell.directives_ = getattr(parsed, 'directives_', {})
    shell = CaptureShell(path)
    cwd = os.getcwd()
    os.chdir(path.parent)
    try: shell.run_all(nb, exc_stop=True, preproc=_skipper(skip_flags))
    finally: os.chdir(cwd)
    for cell in nb.cells: cell.pop('directives_', None)
    write_nb(nb, path)


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('notebooks', nargs='+', type=Path)
    parser.add_argument('--flags', default='', help='space-separated test flags to run anyway (e.g. "slow")')
    args = parser.parse_args()
    sys.path.insert(0, str(get_config().config_path))
    for nb_path in args.notebooks:
        print(f'running {nb_path}', flush=True)
        run_nb(nb_path.absolute(), args.flags.split())

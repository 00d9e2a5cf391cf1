#!/usr/bin/env bash
# Build mann_nb's wheel and sdist and check that each is a package people can install:
#   1. `python -m build` makes dist/mann_nb-<version>.tar.gz and dist/mann_nb-<version>-py3-none-any.whl
#      (the wheel is built from the sdist, so the sdist is known to be complete);
#   2. `twine check --strict` on both (the README renders as the PyPI description);
#   3. each artifact's file list holds what it must (sdist: LICENSE, README.md, CHANGELOG.md, settings.ini,
#      setup.py, pyproject.toml, mann_nb/tasks/; wheel: mann_nb/ and mann_nb/tasks/, no notebooks);
#   4. each artifact installs in a fresh virtual environment, and there, from a directory outside the
#      repository, `from mann_nb import DNC, SAM, SDNC` works, each model runs a forward and backward pass,
#      `mann-demo` runs, and every console script answers `--help`.
#
# Usage: tools/check_package.sh                 build into dist/ and check
#        CHECK_ONLY=1 tools/check_package.sh    check the artifacts already in dist/ (no build)
#
# Environment:
#   TORCH_INSTALL  pip arguments that install torch into each fresh environment, before mann_nb
#                  (default "torch==2.13.0": pip finds the wheel through its configured find-links/index;
#                  under GitHub Actions, where no local wheel exists, the default is
#                  "torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu", the CPU build the
#                  workflows install, instead of PyPI's much larger CUDA build)
#   PYTHON         the interpreter that makes the environments (default: python3)
#   DIST_DIR       where the artifacts go (default: dist)
#   KEEP_WORK=1    keep the temporary directory with the environments (printed at the end)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
DIST_DIR=$(mkdir -p "${DIST_DIR:-dist}" && cd "${DIST_DIR:-dist}" && pwd)
if [ -z "${TORCH_INSTALL:-}" ]; then
  if [ "${GITHUB_ACTIONS:-}" = true ]; then TORCH_INSTALL="torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu"
  else TORCH_INSTALL="torch==2.13.0"; fi
fi
version=$(sed -n 's/^version *= *//p' settings.ini)
work=$(mktemp -d "${TMPDIR:-/tmp}/mann_nb_pkg.XXXXXX")
cleanup() { if [ "${KEEP_WORK:-}" = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
start=$SECONDS
step() { echo "+ [$((SECONDS - start))s] $*"; }
fail() { echo "check_package: $*" >&2; exit 1; }

step "tools: build and twine in $work/tools"
"$PYTHON" -m venv "$work/tools"
"$work/tools/bin/pip" install -q build twine

wheel="$DIST_DIR/mann_nb-$version-py3-none-any.whl"
sdist="$DIST_DIR/mann_nb-$version.tar.gz"
if [ "${CHECK_ONLY:-}" = 1 ]; then
  step "checking the artifacts in $DIST_DIR/ (no build)"
else
  step "python -m build --outdir $DIST_DIR (version $version)"
  rm -f "$wheel" "$sdist"
  "$work/tools/bin/python" -m build --outdir "$DIST_DIR" . > "$work/build.log" 2>&1 \
    || { tail -40 "$work/build.log"; fail "python -m build failed (log above)"; }
fi
[ -f "$wheel" ] || fail "no wheel $wheel"
[ -f "$sdist" ] || fail "no sdist $sdist"
ls -l "$wheel" "$sdist"

step "twine check --strict"
"$work/tools/bin/twine" check --strict "$wheel" "$sdist"

step "contents of the artifacts"
"$work/tools/bin/python" - "$wheel" "$sdist" "$version" <<'EOF'
import sys, tarfile, zipfile
wheel, sdist, version = sys.argv[1:]
w = zipfile.ZipFile(wheel).namelist()
s = [n.split('/', 1)[1] for n in tarfile.open(sdist).getnames() if '/' in n]
print(f"wheel: {len(w)} files, sdist: {len(s)} files")
need_w = ['mann_nb/__init__.py', 'mann_nb/_modidx.py', 'mann_nb/controllers.py', 'mann_nb/tasks/__init__.py',
          'mann_nb/tasks/copy.py', 'mann_nb/tasks/adding.py', 'mann_nb/tasks/argmax.py',
          f'mann_nb-{version}.dist-info/METADATA', f'mann_nb-{version}.dist-info/entry_points.txt',
          f'mann_nb-{version}.dist-info/licenses/LICENSE']
need_s = ['LICENSE', 'README.md', 'CHANGELOG.md', 'settings.ini', 'setup.py', 'pyproject.toml', 'PKG-INFO',
          'mann_nb/__init__.py', 'mann_nb/tasks/__init__.py', 'mann_nb/tasks/copy.py']
missing = [f'wheel: {n}' for n in need_w if n not in w] + [f'sdist: {n}' for n in need_s if n not in s]
stray = [n for n in w + s if n.endswith(('.ipynb', '.pyc')) or '__pycache__' in n]
if missing or stray: sys.exit(f"missing: {missing}\nshould not be there: {stray}")
EOF

# the test that runs inside each fresh environment, from a directory that holds no mann_nb source
cat > "$work/smoke.py" <<'EOF'
import sys, torch
import mann_nb
from mann_nb import DNC, SAM, SDNC
import mann_nb.memory, mann_nb.sparse_memory, mann_nb.sparse_temporal_memory, mann_nb.knn, mann_nb.train, mann_nb.viz, mann_nb.bench
import mann_nb.tasks.copy, mann_nb.tasks.adding, mann_nb.tasks.argmax
assert 'site-packages' in mann_nb.__file__, f"mann_nb imported from {mann_nb.__file__}, not from the installed package"
assert mann_nb.__version__ == sys.argv[1], f"__version__ {mann_nb.__version__!r}, settings.ini says {sys.argv[1]!r}"
torch.manual_seed(0)
x = torch.randn(2, 5, 8)  # (B, T, X)
for cls, extra in [(DNC, {}), (SAM, dict(sparse_reads=4)), (SDNC, dict(sparse_reads=4, temporal_reads=2))]:
    model = cls(input_size=8, hidden_size=16, nr_cells=32, cell_size=8, read_heads=2, **extra)
    output, (controller_hidden, memory_hidden, read_vectors) = model(x)
    assert output.shape == (2, 5, 8), (cls.__name__, output.shape)
    output.sum().backward()
    assert all(p.grad is not None and torch.isfinite(p.grad).all() for p in model.parameters() if p.requires_grad), cls.__name__
    print(f"{cls.__name__}: output {tuple(output.shape)}, read vectors {tuple(read_vectors.shape)}, backward ok")
print(f"mann_nb {mann_nb.__version__} from {mann_nb.__file__}, torch {torch.__version__}")
EOF

for artifact in "$wheel" "$sdist"; do
  kind=$([ "$artifact" = "$wheel" ] && echo wheel || echo sdist)
  env="$work/venv-$kind"
  step "fresh environment for the $kind: $TORCH_INSTALL, then $(basename "$artifact")"
  "$PYTHON" -m venv "$env"
  # torch first, pinned, so that installing mann_nb (torch>=2.0) never pulls another build of it
  # shellcheck disable=SC2086
  "$env/bin/pip" install -q $TORCH_INSTALL
  "$env/bin/pip" install -q "$artifact"
  "$env/bin/pip" check
  step "$kind: import, models, console scripts (from $work)"
  (cd "$work" && "$env/bin/python" smoke.py "$version")
  (cd "$work" && "$env/bin/mann-demo" | tail -1)
  scripts=$("$env/bin/python" -c "from importlib.metadata import distribution as d; print(' '.join(e.name for e in d('mann-nb').entry_points if e.group == 'console_scripts'))")
  [ -n "$scripts" ] || fail "$kind declares no console scripts"
  for s in $scripts; do
    (cd "$work" && "$env/bin/$s" --help > /dev/null) || fail "$kind: '$s --help' failed"
    echo "$s --help: ok"
  done
  [ "${KEEP_WORK:-}" = 1 ] || rm -rf "$env"   # one environment at a time on disk
done

step "done: $wheel and $sdist build, pass twine check and install and run in fresh environments"

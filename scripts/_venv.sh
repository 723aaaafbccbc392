# Shared by scripts/demo and scripts/test (sourced, not run). `ensure_venv EXTRAS` makes
# .venv once and installs loopprep into it the way users get it -- a built wheel, never an
# editable install -- redoing each step only when what it depends on changed:
#   the dependencies  when pyproject.toml (or the extras asked for) changed;
#   the wheel         when anything under src/, pyproject.toml or the README changed.
set -euo pipefail

_digest() {
    (cd "$ROOT" && find "$@" -type f ! -path '*/__pycache__/*' ! -path '*.egg-info/*' -print0 \
        | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

_requirements() {  # the dependencies (and those of the extras named) that pyproject.toml lists
    "$1" - "$2" "$ROOT/pyproject.toml" <<'PY'
import sys, tomllib
extras, path = sys.argv[1], sys.argv[2]
project = tomllib.load(open(path, "rb"))["project"]
wanted = list(project["dependencies"])
for extra in filter(None, extras.split(",")):
    wanted += project["optional-dependencies"][extra]
print("\n".join(wanted))
PY
}

ensure_venv() {
    local extras="$1" venv="$ROOT/.venv"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    local pip=("$venv/bin/python" -m pip --quiet --disable-pip-version-check)
    local deps_key pkg_key
    deps_key="$(_digest pyproject.toml)-$extras"
    if [ "$(cat "$venv/.deps-key" 2>/dev/null)" != "$deps_key" ]; then
        echo "setting up .venv: installing dependencies${extras:+ (with: $extras)}..." >&2
        _requirements "$venv/bin/python" "$extras" > "$venv/requirements.txt"
        # setuptools too: the wheel below is built with no network (--no-build-isolation)
        "${pip[@]}" install -r "$venv/requirements.txt" "setuptools>=70.1"
        echo "$deps_key" > "$venv/.deps-key"
        rm -f "$venv/.pkg-key"
    fi
    pkg_key="$(_digest pyproject.toml README.md LICENSE NOTICE src)"
    if [ "$(cat "$venv/.pkg-key" 2>/dev/null)" != "$pkg_key" ]; then
        echo "setting up .venv: building loopprep's wheel and installing it..." >&2
        rm -rf "$venv/wheel"
        "${pip[@]}" wheel --no-deps --no-build-isolation --wheel-dir "$venv/wheel" "$ROOT"
        "${pip[@]}" install --no-deps --force-reinstall "$venv"/wheel/loopprep-*.whl
        rm -rf "$ROOT/build"
        echo "$pkg_key" > "$venv/.pkg-key"
    fi
}

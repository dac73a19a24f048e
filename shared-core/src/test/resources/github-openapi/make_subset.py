#!/usr/bin/env python3
"""Cut a small, self-contained subset out of GitHub's bundled REST API
OpenAPI 3.0 description (github/rest-api-description,
descriptions/api.github.com/api.github.com.2022-11-28.json).

Python 3.8+ standard library only.

What ends up in the output:
  * `openapi`, `info`, `servers` copied verbatim from the source;
  * `paths` holding only the operations in OPERATIONS (matched by path and
    method; path-level keys such as `parameters` come with them);
  * `components` holding the transitive closure of every `$ref` those
    operations use (schemas, parameters, responses, headers, examples,
    requestBodies, securitySchemes, ...), and nothing else. Components keep
    the source order. Named examples under components/examples are therefore
    kept only when something kept refers to them (or dropped entirely with
    --no-examples);
  * `x-subset`: where it came from (repository, path, commit, sha256 of the
    source bytes) unless --no-provenance.

Extension noise: `x-github` (Octokit SDK metadata), `x-octokit*` and
`x-displayName` are removed from path items and operations (--keep-extensions
keeps them). Nothing is removed inside `components` or `info`, so semantic
extensions such as `x-multi-segment` on parameters, and anything a `$ref`
could point at, survive.

Then the result is checked: it must serialise and parse back as JSON, every
`$ref` (plus discriminator mappings and security-requirement names) must
resolve inside the output, and every wanted operation must be present.
The script exits non-zero on any failure.

Examples:
  python3 make_subset.py --source api.github.com.2022-11-28.json \
      --commit <sha> --out api.github.com.2022-11-28.subset.json
  python3 make_subset.py --git-dir /path/to/repo.git --rev <sha> \
      --out api.github.com.2022-11-28.subset.json
  python3 make_subset.py --check api.github.com.2022-11-28.subset.json
"""

import argparse
import copy
import hashlib
import json
import re
import subprocess
import sys
from collections import OrderedDict
from urllib.parse import unquote

SOURCE_REPOSITORY = "github/rest-api-description"
DEFAULT_SOURCE_PATH = "descriptions/api.github.com/api.github.com.2022-11-28.json"

# (method, path, required). Paths are written exactly as GitHub's description
# spells them; a path whose template differs only in parameter names is still
# found (and reported) by the fallback match in find_operation().
OPERATIONS = [
    ("get", "/repos/{owner}/{repo}", True),
    ("get", "/repos/{owner}/{repo}/pulls/{pull_number}", True),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}/comments", True),
    ("post", "/repos/{owner}/{repo}/issues/{issue_number}/comments", True),
    ("patch", "/repos/{owner}/{repo}/issues/comments/{comment_id}", True),
    ("delete", "/repos/{owner}/{repo}/issues/comments/{comment_id}", True),
    ("post", "/repos/{owner}/{repo}/check-runs", True),
    ("patch", "/repos/{owner}/{repo}/check-runs/{check_run_id}", True),
    ("get", "/repos/{owner}/{repo}/commits/{ref}/check-runs", True),
    ("post", "/repos/{owner}/{repo}/statuses/{sha}", True),
    ("get", "/rate_limit", True),
    ("get", "/user", True),
    ("get", "/app", False),  # "if present"
    ("post", "/repos/{owner}/{repo}/deployments", True),
    ("post", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", True),
    # The `monitor` step's issues: open, find by label, update and close, comment, label.
    ("get", "/repos/{owner}/{repo}/issues", True),
    ("post", "/repos/{owner}/{repo}/issues", True),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}", True),
    ("patch", "/repos/{owner}/{repo}/issues/{issue_number}", True),
    ("get", "/repos/{owner}/{repo}/issues/comments/{comment_id}", True),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}/labels", True),
    ("post", "/repos/{owner}/{repo}/issues/{issue_number}/labels", True),
    ("put", "/repos/{owner}/{repo}/issues/{issue_number}/labels", True),
    ("delete", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", True),
    ("get", "/repos/{owner}/{repo}/labels", True),
    ("post", "/repos/{owner}/{repo}/labels", True),
    ("get", "/repos/{owner}/{repo}/labels/{name}", True),
    ("get", "/search/issues", True),
]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Order of sections in the emitted `components`.
COMPONENT_SECTIONS = (
    "schemas", "responses", "parameters", "examples", "requestBodies",
    "headers", "securitySchemes", "links", "callbacks",
)


def is_noise_extension(key):
    return key == "x-github" or key.startswith("x-octokit") or key == "x-displayName"


# --------------------------------------------------------------------------
# JSON pointer helpers


def pointer_tokens(ref):
    """'#/components/schemas/a~1b' -> ['components', 'schemas', 'a/b']."""
    if not isinstance(ref, str) or not ref.startswith("#"):
        raise ValueError("not a local reference: %r" % (ref,))
    frag = unquote(ref[1:])
    if frag == "":
        return []
    if not frag.startswith("/"):
        raise ValueError("bad JSON pointer: %r" % (ref,))
    return [t.replace("~1", "/").replace("~0", "~") for t in frag[1:].split("/")]


def resolve(doc, ref):
    node = doc
    for tok in pointer_tokens(ref):
        if isinstance(node, dict):
            if tok not in node:
                raise KeyError(tok)
            node = node[tok]
        elif isinstance(node, list):
            if not tok.isdigit() or int(tok) >= len(node):
                raise KeyError(tok)
            node = node[int(tok)]
        else:
            raise KeyError(tok)
    return node


# --------------------------------------------------------------------------
# Reference collection


def iter_refs(node, where="#"):
    """Yield (location, kind, value) for everything in `node` that points at
    something else: `$ref` strings, discriminator mapping values that look
    like local refs, and security-requirement scheme names."""
    stack = [(node, where)]
    while stack:
        cur, loc = stack.pop()
        if isinstance(cur, dict):
            ref = cur.get("$ref")
            if isinstance(ref, str):
                yield loc, "ref", ref
            disc = cur.get("discriminator")
            if isinstance(disc, dict) and isinstance(disc.get("mapping"), dict):
                for v in disc["mapping"].values():
                    if isinstance(v, str) and v.startswith("#"):
                        yield loc + "/discriminator/mapping", "ref", v
            sec = cur.get("security")
            if isinstance(sec, list) and ("responses" in cur or loc == "#"):
                # Operation object (has responses) or the document root.
                for req in sec:
                    if isinstance(req, dict):
                        for name in req:
                            yield loc + "/security", "security", name
            example_object = "/examples/" in loc + "/" and "value" in cur and \
                set(cur) <= {"summary", "description", "value", "externalValue"}
            for k, v in cur.items():
                # Literal data is never scanned: `example`, `enum`, and the
                # `value` of an Example Object may hold arbitrary JSON.
                if k in ("example", "enum") or (example_object and k == "value"):
                    continue
                if isinstance(v, (dict, list)):
                    stack.append((v, loc + "/" + str(k).replace("~", "~0").replace("/", "~1")))
        elif isinstance(cur, list):
            for i, v in enumerate(cur):
                if isinstance(v, (dict, list)):
                    stack.append((v, "%s/%d" % (loc, i)))


def component_key(ref):
    """'#/components/schemas/x/properties/y' -> ('schemas', 'x')."""
    toks = pointer_tokens(ref)
    if len(toks) < 3 or toks[0] != "components":
        raise ValueError("reference outside components: %s" % ref)
    return toks[1], toks[2]


# --------------------------------------------------------------------------
# Example stripping (only for --no-examples). Structural, so a schema property
# that happens to be called "examples" is never touched.


def _strip_media_map(content):
    if isinstance(content, dict):
        for media in content.values():
            if isinstance(media, dict):
                media.pop("examples", None)


def _strip_param_or_header(obj):
    if isinstance(obj, dict) and "$ref" not in obj:
        obj.pop("examples", None)
        _strip_media_map(obj.get("content"))


def _strip_response(resp):
    if isinstance(resp, dict) and "$ref" not in resp:
        _strip_media_map(resp.get("content"))
        for h in (resp.get("headers") or {}).values():
            _strip_param_or_header(h)


def strip_examples_operation(op):
    for p in op.get("parameters") or []:
        _strip_param_or_header(p)
    rb = op.get("requestBody")
    if isinstance(rb, dict) and "$ref" not in rb:
        _strip_media_map(rb.get("content"))
    for resp in (op.get("responses") or {}).values():
        _strip_response(resp)


def strip_examples_component(section, obj):
    if section in ("parameters", "headers"):
        _strip_param_or_header(obj)
    elif section == "responses":
        _strip_response(obj)
    elif section == "requestBodies" and isinstance(obj, dict):
        _strip_media_map(obj.get("content"))


# --------------------------------------------------------------------------
# Subsetting


def template_shape(path):
    return re.sub(r"\{[^}]*\}", "{}", path)


def find_operation(paths, method, path):
    """Return the path string used in the source, or None."""
    item = paths.get(path)
    if isinstance(item, dict) and method in item:
        return path
    shape = template_shape(path)
    for p, it in paths.items():
        if template_shape(p) == shape and isinstance(it, dict) and method in it:
            return p
    return None


def build_subset(src, keep_extensions=False, keep_examples=True, provenance=None):
    log = []
    paths = src.get("paths") or {}
    comps = src.get("components") or {}

    wanted = OrderedDict()  # actual path -> [methods]
    found, missing = [], []
    for method, path, required in OPERATIONS:
        actual = find_operation(paths, method, path)
        if actual is None:
            missing.append((method, path, required))
            continue
        if actual != path:
            log.append("NOTE: %s %s is spelled %s in the source" % (method.upper(), path, actual))
        found.append((method, actual))
        wanted.setdefault(actual, []).append(method)

    out_paths = OrderedDict()
    dropped_ext = 0
    for p in paths:  # keep the source order
        if p not in wanted:
            continue
        item = paths[p]
        new_item = OrderedDict()
        for k, v in item.items():
            if k in HTTP_METHODS:
                if k not in wanted[p]:
                    continue
                op = copy.deepcopy(v)
                if not keep_extensions:
                    for ek in [ek for ek in op if is_noise_extension(ek)]:
                        del op[ek]
                        dropped_ext += 1
                if not keep_examples:
                    strip_examples_operation(op)
                new_item[k] = op
            elif not keep_extensions and is_noise_extension(k):
                dropped_ext += 1
            else:
                new_item[k] = copy.deepcopy(v)
        out_paths[p] = new_item

    # Transitive closure over components.
    picked = {}  # (section, name) -> component object (deep copy)
    queue = [(r_kind, r_val, loc) for loc, r_kind, r_val in iter_refs(out_paths, "#/paths")]
    errors = []
    while queue:
        kind, val, loc = queue.pop()
        if kind == "security":
            key = ("securitySchemes", val)
        else:
            try:
                key = component_key(val)
            except ValueError as e:
                errors.append("%s (at %s)" % (e, loc))
                continue
        if key in picked:
            continue
        section, name = key
        if section not in comps or name not in comps[section]:
            errors.append("dangling reference in source: %s (at %s)" % (val, loc))
            continue
        if section == "examples" and not keep_examples:
            errors.append("example still referenced after --no-examples: %s (at %s)" % (val, loc))
            continue
        obj = copy.deepcopy(comps[section][name])
        if not keep_examples:
            strip_examples_component(section, obj)
        picked[key] = obj
        base = "#/components/%s/%s" % (section, name.replace("~", "~0").replace("/", "~1"))
        queue.extend((k2, v2, l2) for l2, k2, v2 in iter_refs(obj, base))

    # Root-level security requirements (if any) come along.
    root_security = src.get("security")
    if isinstance(root_security, list):
        for req in root_security:
            for name in (req or {}):
                key = ("securitySchemes", name)
                if key not in picked and name in (comps.get("securitySchemes") or {}):
                    picked[key] = copy.deepcopy(comps["securitySchemes"][name])

    out_comps = OrderedDict()
    sections = list(COMPONENT_SECTIONS) + [s for s in comps if s not in COMPONENT_SECTIONS]
    for section in sections:
        names = [n for n in (comps.get(section) or {}) if (section, n) in picked]
        if names:
            out_comps[section] = OrderedDict((n, picked[(section, n)]) for n in names)

    out = OrderedDict()
    for k in ("openapi", "info", "servers"):
        if k in src:
            out[k] = copy.deepcopy(src[k])
    if isinstance(root_security, list):
        out["security"] = copy.deepcopy(root_security)
    out["paths"] = out_paths
    if out_comps:
        out["components"] = out_comps
    if provenance:
        out["x-subset"] = provenance

    log.append("dropped %d extension key(s) (x-github/x-octokit*/x-displayName) from path items/operations"
               % dropped_ext)
    return out, found, missing, errors, log


# --------------------------------------------------------------------------
# Validation


def validate(doc, expected_ops=None):
    """Return (problems, stats)."""
    problems = []
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    try:
        doc = json.loads(text)
    except ValueError as e:  # pragma: no cover - json.dumps output always parses
        return ["output does not parse as JSON: %s" % e], {}

    for key in ("openapi", "info", "paths"):
        if key not in doc:
            problems.append("missing top-level `%s`" % key)
    if not str(doc.get("openapi", "")).startswith("3.0"):
        problems.append("openapi is %r, expected 3.0.x" % doc.get("openapi"))

    nrefs = 0
    referenced = set()
    schemes = (doc.get("components") or {}).get("securitySchemes") or {}
    for loc, kind, val in iter_refs(doc):
        nrefs += 1
        if kind == "security":
            if val not in schemes:
                problems.append("security scheme %r not in components (at %s)" % (val, loc))
            referenced.add(("securitySchemes", val))
            continue
        if not val.startswith("#"):
            problems.append("external reference %s (at %s)" % (val, loc))
            continue
        try:
            resolve(doc, val)
        except (KeyError, ValueError):
            problems.append("unresolved reference %s (at %s)" % (val, loc))
            continue
        toks = pointer_tokens(val)
        if len(toks) >= 3 and toks[0] == "components":
            referenced.add((toks[1], toks[2]))

    ops = []
    for p, item in (doc.get("paths") or {}).items():
        for m in item:
            if m in HTTP_METHODS:
                ops.append((m, p))
    if expected_ops is not None:
        for m, p in expected_ops:
            if (m, p) not in ops:
                problems.append("operation missing from output: %s %s" % (m.upper(), p))
        extra = sorted(set(ops) - set(expected_ops))
        for m, p in extra:
            problems.append("unexpected operation in output: %s %s" % (m.upper(), p))

    unused = []
    comp_counts = OrderedDict()
    for section, entries in (doc.get("components") or {}).items():
        comp_counts[section] = len(entries)
        for name in entries:
            if (section, name) not in referenced:
                unused.append("%s/%s" % (section, name))

    raw = (text + "\n").encode("utf-8")
    stats = OrderedDict([
        ("bytes", len(raw)),
        ("sha256", hashlib.sha256(raw).hexdigest()),
        ("operations", len(ops)),
        ("operation_list", ["%s %s" % (m.upper(), p) for m, p in ops]),
        ("refs_checked", nrefs),
        ("components", comp_counts),
        ("unreferenced_components", unused),
    ])
    return problems, stats


# --------------------------------------------------------------------------
# I/O


def load_source(args):
    if args.git_dir:
        spec = "%s:%s" % (args.rev, args.path)
        raw = subprocess.check_output(["git", "--git-dir", args.git_dir, "show", spec])
        commit = subprocess.check_output(
            ["git", "--git-dir", args.git_dir, "rev-parse", args.rev + "^{commit}"]
        ).decode().strip()
        return raw, commit, args.path
    if args.source == "-":
        raw = sys.stdin.buffer.read()
    else:
        with open(args.source, "rb") as fh:
            raw = fh.read()
    return raw, args.commit, args.path


def describe_version(src, path):
    info = src.get("info") or {}
    bits = ["openapi=%s" % src.get("openapi"), "info.version=%s" % info.get("version")]
    for k, v in info.items():
        if k.startswith("x-"):
            bits.append("info.%s=%s" % (k, v))
    for k, v in src.items():
        if k.startswith("x-") and not isinstance(v, (dict, list)):
            bits.append("%s=%s" % (k, v))
    m = re.search(r"(\d{4}-\d{2}-\d{2})", path or "")
    bits.append("date-in-path=%s" % (m.group(1) if m else "none"))
    return ", ".join(bits)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--source", help="bundled description JSON file, or - for stdin")
    src.add_argument("--git-dir", help="bare git directory of github/rest-api-description")
    src.add_argument("--check", metavar="SUBSET", help="only validate an existing subset file")
    ap.add_argument("--rev", default="HEAD", help="commit to read with --git-dir (default HEAD)")
    ap.add_argument("--path", default=DEFAULT_SOURCE_PATH,
                    help="path inside the repository (default %(default)s)")
    ap.add_argument("--commit", help="source commit id to record (with --source)")
    ap.add_argument("--out", default="api.github.com.2022-11-28.subset.json")
    ap.add_argument("--keep-extensions", action="store_true",
                    help="keep x-github / x-octokit* / x-displayName on operations")
    ap.add_argument("--no-examples", action="store_true",
                    help="drop named `examples` maps and components/examples entirely")
    ap.add_argument("--no-provenance", action="store_true", help="omit the x-subset block")
    args = ap.parse_args(argv)

    if args.check:
        with open(args.check, "rb") as fh:
            doc = json.loads(fh.read().decode("utf-8"), object_pairs_hook=OrderedDict)
        problems, stats = validate(doc)
        with open(args.check, "rb") as fh:
            raw = fh.read()  # report the file as written, not a re-dump
        stats["bytes"] = len(raw)
        stats["sha256"] = hashlib.sha256(raw).hexdigest()
        print(json.dumps(stats, indent=2))
        for p in problems:
            print("PROBLEM: " + p, file=sys.stderr)
        return 1 if problems else 0

    raw, commit, path = load_source(args)
    src_doc = json.loads(raw.decode("utf-8"), object_pairs_hook=OrderedDict)
    print("source: %s (%d bytes, sha256 %s)" % (path, len(raw), hashlib.sha256(raw).hexdigest()),
          file=sys.stderr)
    print("source version: " + describe_version(src_doc, path), file=sys.stderr)
    if "2022-11-28" not in (path or ""):
        print("WARNING: source path does not name API version 2022-11-28", file=sys.stderr)

    provenance = None
    if not args.no_provenance:
        provenance = OrderedDict([
            ("repository", "https://github.com/" + SOURCE_REPOSITORY),
            ("path", path),
            ("commit", commit or "unknown"),
            ("source_sha256", hashlib.sha256(raw).hexdigest()),
            ("generator", "make_subset.py"),
            ("examples", "kept when referenced" if not args.no_examples else "dropped"),
        ])

    out, found, missing, errors, log = build_subset(
        src_doc, keep_extensions=args.keep_extensions,
        keep_examples=not args.no_examples, provenance=provenance)
    for line in log:
        print(line, file=sys.stderr)
    for method, p, required in missing:
        print("%s: %s %s not in source" % ("ERROR" if required else "NOTE (optional)",
                                            method.upper(), p), file=sys.stderr)
    problems, stats = validate(out, expected_ops=found)
    problems = errors + problems
    if any(required for _, _, required in missing):
        problems.append("required operation(s) missing from source")

    text = json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    stats["source_bytes"] = len(raw)
    stats["missing_in_source"] = ["%s %s" % (m.upper(), p) for m, p, _ in missing]
    print(json.dumps(stats, indent=2))
    for p in problems:
        print("PROBLEM: " + p, file=sys.stderr)
    print("wrote %s (%d bytes)%s" % (args.out, stats["bytes"], "" if not problems else " WITH PROBLEMS"),
          file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

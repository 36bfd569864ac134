#!/usr/bin/env bash
# Spark integration test of `riskgate score` (issue #6): pyspark in local
# mode pipes a data set through the release binary and the result must equal
# the single-machine run record for record (tests/spark/score_on_spark.py).
#
# Installs pyspark from PyPI when it is missing (Java 17 comes with the
# machine). Skips, saying so, only when pip cannot install pyspark; any
# other failure fails.
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON=${PYTHON:-python3}
BIN=${RISKGATE_BIN:-target/release/riskgate}

if ! command -v java >/dev/null 2>&1; then
    echo "spark: java is not on PATH (Spark needs Java 17)" >&2
    exit 1
fi
if ! "$PYTHON" -c 'import pyspark' >/dev/null 2>&1; then
    echo "spark: installing pyspark from PyPI"
    if ! "$PYTHON" -m pip install --quiet --disable-pip-version-check 'pyspark>=3.5'; then
        echo "SKIPPED spark: pip could not install pyspark"
        exit 0
    fi
fi
if [ -z "${RISKGATE_BIN:-}" ]; then
    cargo build --release --locked --quiet
fi
"$PYTHON" tests/spark/score_on_spark.py --bin "$BIN" "$@"

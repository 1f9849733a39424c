#!/bin/sh
# Whole-process comparison of `scamguard scan` with the sklearn and fastText peers; see compare.py.
# Uses Debian's /usr/bin/python3, which has python3-sklearn.
exec /usr/bin/python3 "$(dirname "$0")/compare.py" "$@"

#!/bin/sh
# Network uptime: the week's figure in the monitoring export
# (data/uptime.json), read with jq where it is installed, else python3.
# A week the export does not have prints nothing: pull reports it.
week="${PULSE_WEEK:?run by pulse scorecard pull, which sets PULSE_WEEK}"
if command -v jq >/dev/null 2>&1; then
  jq -r --arg week "$week" '.weeks[$week].uptime // empty' data/uptime.json
elif command -v python3 >/dev/null 2>&1; then
  python3 -c '
import json, sys
week = json.load(open("data/uptime.json"))["weeks"].get(sys.argv[1])
if week:
    print(week["uptime"])
' "$week"
else
  echo "uptime.sh needs jq or python3 to read data/uptime.json" >&2
  exit 1
fi

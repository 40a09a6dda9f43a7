#!/bin/sh
# New qualified leads: the rows of the CRM export (data/leads.csv) dated in
# the week pulse asks for. `pulse scorecard pull` runs this from the company
# folder with PULSE_WEEK_START and PULSE_WEEK_END set (ISO dates, Monday and
# Sunday); the first line printed is the value.
awk -F, -v start="$PULSE_WEEK_START" -v end="$PULSE_WEEK_END" '
  NR > 1 && $1 >= start && $1 <= end { n++ }
  END { print n + 0 }
' data/leads.csv

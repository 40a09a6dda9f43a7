#!/bin/sh
# Support tickets open > 24h: tickets of the helpdesk export (data/tickets.csv)
# opened before the week's last day and not closed by its end.
awk -F, -v end="$PULSE_WEEK_END" '
  NR > 1 && $2 < end && ($3 == "" || $3 > end) { n++ }
  END { print n + 0 }
' data/tickets.csv

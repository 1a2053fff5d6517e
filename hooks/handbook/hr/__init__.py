"""HR's side, run on HR's own machine with the same curriculum: nothing here is part of a site.

    keys.py      HR's Ed25519 signing key: made once (`make hr-key`), kept outside the repository
    records.py   reads a record file and checks it by the verify page's rules (verify.js is its twin)
    receipt.py   HR's signed receipt on a record it received, and its check
    changes.py   what changed between two versions of the agreement, word by word (changes.js is its twin)
    roster.py    a folder of records + the staff list → who signed which version, who must (re-)sign
    output.py    writes roster.csv, roster.html and the countersigned records
    evaluations.py  each person's evaluation sheet, a PDF with the site's print styles

`handbook.commands.hr_key` and `handbook.commands.roster` are what `make` runs.
"""

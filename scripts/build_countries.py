#!/usr/bin/env python3
"""Write kb/countries.tsv, the country table used to export events in ACLED's CSV layout and STIX.

usage: scripts/build_countries.py        (needs the PyPI package pycountry; built with 26.2.16)

One row for every ISO 3166-1 alpha-2 code in the `country` column of kb/places.tsv, sorted by
iso2, with the columns

    iso2  iso3  numeric  name_en  acled_region

iso3 and numeric come from pycountry (numeric as an integer without leading zeros, which is how
ACLED's `iso` column writes it). name_en is the name ACLED gives the country: pycountry's common
name, or its name, unless ACLED_NAMES below says otherwise. acled_region is one of ACLED's 17
regions, from ACLED_REGIONS below.

ACLED_NAMES and ACLED_REGIONS follow ACLED's own country list: the `acled_countries` data set
(country, region, start_year; 243 countries) of ACLED's R package acledR
(github.com/dtacled/acledR, data/acled_countries.rda, last changed 2024-03). Note that ACLED puts
Afghanistan in Caucasus and Central Asia, Mexico in North America, Cyprus and Greenland in
Europe, Zambia, Zimbabwe and Saint Helena in Southern Africa. Seven codes of places.tsv are not
in ACLED's list (ACLED codes events there under another country, or has none); their region is
the one of their UN M49 subregion, like ACLED does for the other small territories:
AX, SJ Europe; HK, MO East Asia; EH Northern Africa; BV South America; TF Eastern Africa.
"""
import csv, os, sys

import pycountry

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..")
PLACES = os.path.join(root, "kb", "places.tsv")
OUT = os.path.join(root, "kb", "countries.tsv")

# Codes pycountry does not have, filled by hand. Kosovo: XK and XKX are the codes the EU, the
# IMF and most data sets (ACLED's too) use; ISO 3166-1 gives it no code and no numeric code, so
# numeric is left empty.
HAND_FILLED = {
    "XK": ("XKX", None, "Kosovo"),
}

# ACLED's name where it is not pycountry's common name (or name). The last six are codes
# ACLED does not list, written without diacritics like ACLED writes Reunion or Curacao.
ACLED_NAMES = {
    "BL": "Saint-Barthelemy",
    "BN": "Brunei",
    "BQ": "Caribbean Netherlands",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CW": "Curacao",
    "CZ": "Czech Republic",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "GG": "Bailiwick of Guernsey",
    "JE": "Bailiwick of Jersey",
    "MF": "Saint-Martin",
    "PS": "Palestine",
    "RE": "Reunion",
    "RU": "Russia",
    "SX": "Sint Maarten",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "TR": "Turkey",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    # not in ACLED's list
    "AX": "Aland Islands",
}

# ACLED region -> the alpha-2 codes in it.
ACLED_REGIONS = {
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TZ UG YT"
                      " TF",  # TF: not in ACLED's list, UN M49
    "Southern Africa": "BW LS NA SH SZ ZA ZM ZW",
    "Northern Africa": "DZ EG LY MA SD TN"
                       " EH",  # EH: not in ACLED's list (ACLED codes it under Morocco), UN M49
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "South Asia": "BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "East Asia": "CN JP KP KR MN TW"
                 " HK MO",  # HK, MO: not in ACLED's list (ACLED codes them under China)
    "Caucasus and Central Asia": "AF AM AZ GE KG KZ TJ TM UZ",
    "Europe": "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GL GR HR HU IE IM IS"
              " IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK"
              " AX SJ",  # AX, SJ: not in ACLED's list, UN M49
    "North America": "BM CA MX PM US",
    "Central America": "BZ CR GT HN NI PA SV",
    "South America": "AR BO BR CL CO EC FK GF GS GY PE PY SR UY VE"
                     " BV",  # BV: not in ACLED's list, UN M49
    "Caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC"
                 " VG VI",
    "Oceania": "AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM"
               " VU WF WS",
    "Antarctica": "AQ",
}


def region_of():
    regions = {}
    for region, codes in ACLED_REGIONS.items():
        for code in codes.split():
            if code in regions:
                sys.exit(f"{code} is in both {regions[code]} and {region}")
            regions[code] = region
    return regions


def main():
    with open(PLACES, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    codes = sorted({r["country"] for r in rows if r["country"]})
    n_country_rows = sum(1 for r in rows if r["kind"] == "country")
    regions = region_of()

    out, problems = [], []
    for iso2 in codes:
        c = pycountry.countries.get(alpha_2=iso2)
        if c is not None:
            iso3, numeric = c.alpha_3, int(c.numeric)
            name = ACLED_NAMES.get(iso2) or getattr(c, "common_name", None) or c.name
        elif iso2 in HAND_FILLED:
            iso3, numeric, name = HAND_FILLED[iso2]
            name = ACLED_NAMES.get(iso2, name)
        else:
            problems.append(f"{iso2}: not in pycountry and not hand-filled")
            continue
        region = regions.get(iso2)
        if region is None:
            problems.append(f"{iso2}: no ACLED region")
            continue
        out.append((iso2, iso3, "" if numeric is None else str(numeric), name.strip(), region))

    # checks
    for i, col in ((0, "iso2"), (1, "iso3"), (2, "numeric")):
        seen = {}
        for row in out:
            if row[i] == "":
                continue
            if row[i] in seen:
                problems.append(f"duplicate {col} {row[i]}: {seen[row[i]]} and {row[0]}")
            seen[row[i]] = row[0]
    missing = set(codes) - {row[0] for row in out}
    if missing:
        problems.append(f"codes of places.tsv without a row: {' '.join(sorted(missing))}")
    unused = set(regions) - set(codes)
    if unused:
        problems.append(f"codes in ACLED_REGIONS not used in places.tsv: {' '.join(sorted(unused))}")
    unused = set(ACLED_NAMES) - set(codes)
    if unused:
        problems.append(f"codes in ACLED_NAMES not used in places.tsv: {' '.join(sorted(unused))}")
    if problems:
        sys.exit("\n".join(problems))

    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("iso2\tiso3\tnumeric\tname_en\tacled_region\n")
        for row in sorted(out):
            f.write("\t".join(row) + "\n")

    per_region = {}
    for row in out:
        per_region[row[4]] = per_region.get(row[4], 0) + 1
    print(f"places.tsv: {len(rows)} rows, {n_country_rows} of kind country, {len(codes)} codes",
          file=sys.stderr)
    print(f"countries.tsv: {len(out)} rows, {sum(1 for r in out if not r[2])} without numeric,"
          f" hand-filled {' '.join(sorted(HAND_FILLED))} (pycountry {pycountry_version()})",
          file=sys.stderr)
    for region in ACLED_REGIONS:
        print(f"  {region}: {per_region.get(region, 0)}", file=sys.stderr)


def pycountry_version():
    try:
        from importlib.metadata import version
        return version("pycountry")
    except Exception:
        return "?"


if __name__ == "__main__":
    main()

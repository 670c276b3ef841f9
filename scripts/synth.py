#!/usr/bin/env python3
"""Synthetic workshop participants for netkaart's batch tests, examples and benchmark.

    scripts/synth.py --count 1000 --format dir OUT/          one YAML file each
    scripts/synth.py --count 20 --format multi OUT.yaml      one YAML file, --- between
    scripts/synth.py --count 14 --format csv OUT.csv         a form export, one row each
    scripts/synth.py --count 14 --format xlsx OUT.xlsx       the same as a workbook (openpyxl)

The same --seed gives the same participants. Names vary in length and script, contacts
number --contacts (default 5-25) and actions --actions (default 2-8).
"""

import argparse
import csv
import json
import os
import random

FIRST = ["An", "Jan", "Sara", "Mohamed", "Fatima", "Pieter", "Els", "Koen", "Nadia", "Wim",
         "Lotte", "Youssef", "Hanne", "Dirk", "Ayşe", "Bram", "Leen", "Karim", "Ine", "Tom",
         "Zoë", "Ruben", "Marieke", "Jozef", "Amélie", "Stijn", "Nour", "Griet", "Emre", "Lien"]
LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
        "Wouters", "De Smet", "El Amrani", "Van den Broeck", "Dubois", "Yılmaz", "Vermeulen",
        "Van de Velde", "Lambrechts", "Bouzid", "De Clercq", "Verhoeven-Vandenberghe"]
ORGS = ["Buurtwerk De Brug", "Vzw Samenleven", "Jeugdhuis Den Tap", "OCMW Zottegem",
        "Bibliotheek Ledeberg", "Wijkcentrum Rabot", "Vormingplus Gent-Eeklo",
        "Sociaal Huis Aalst", "Dienst Diversiteit", "Kringloopcentrum De Cirkel"]
ROLES = ["opbouwwerker", "coördinator", "vrijwilliger", "stafmedewerker", "directeur",
         "buurtwerker", "educatief medewerker", "projectleider"]
KINDS = ["acquaintance", "neighbour", "policy_maker", "key_figure", "colleague",
         "organisation", "other"]
OCCASIONS = ["sector_event", "local_meeting", "one_to_one", "chance", "online", "other"]
REASONS = ["position", "test_ideas", "learn", "solve_problem", "find_resources"]
CONTACTS = ["Buurman Luc", "Schepen van Welzijn", "Wijkagent Tom", "Directeur basisschool",
            "Voorzitter sportclub", "Collega jeugdwerk", "Huisarts De Wilde", "Imam moskee",
            "Pastoor parochie", "Bakker op de hoek", "Buurtcomité Noord", "Stadsdienst Groen",
            "Bibliothecaris", "Kinderopvang Klavertje", "Welzijnsschakel", "CAW-medewerker",
            "Provinciaal adviseur", "Woonmaatschappij", "Fietsherstelplaats", "Repair Café",
            "Mevrouw Nadia uit blok C", "Jongeren van het plein", "Seniorenraad",
            "Vakbondsafgevaardigde", "Lokale krant", "Cultuurcentrum", "Sociale kruidenier",
            "Erfgoedkring", "Schoolopbouwwerker", "Wijkgezondheidscentrum De Kaai"]
WORDS = ["vertrouwen", "koffie", "samen", "uitwisselen", "tijd", "kansen", "luisteren",
         "contacten", "buurt", "delen", "leren", "vragen"]
SENTENCES = [
    "Ik wil de buurt beter leren kennen en samen met bewoners iets opbouwen.",
    "We zoeken partners die mee willen investeren in een ontmoetingsplek.",
    "Door te netwerken hoor ik sneller wat er leeft en kan ik gerichter werken.",
    "Ik wil mijn ideeën toetsen bij mensen die al langer in de sector werken.",
    "Ons team is klein; met partners kunnen we meer mensen bereiken.",
    "Ik wil weten hoe andere organisaties vrijwilligers vinden en houden.",
    "Een sterk netwerk maakt ons minder afhankelijk van één subsidie.",
    "Ik wil gekend zijn als aanspreekpunt voor jongeren in de wijk.",
]
PLACES = ["de koffiebar van het wijkcentrum", "de markt op zaterdag", "online via Teams",
          "het buurtfeest", "de lerarenkamer", "de sportkantine", "het stadhuis"]


def pick(rng, items, k):
    return rng.sample(items, min(k, len(items)))


def sentence(rng, n=1):
    return " ".join(pick(rng, SENTENCES, n))


def participant(rng, i, contacts_range, actions_range):
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    org = rng.choice(ORGS)
    date = f"2026-{rng.randint(9, 12):02d}-{rng.randint(1, 28):02d}"
    answers = {
        "version": 1,
        "lang": "nl" if rng.random() < 0.8 else "en",
        "person": {"name": name, "organisation": org, "role": rng.choice(ROLES), "date": date},
        "what": {"associations": pick(rng, WORDS, rng.randint(2, 6)),
                 "network_today": sentence(rng)},
        "why": {"reasons": pick(rng, REASONS, rng.randint(1, 4)), "statement": sentence(rng, 2)},
        "levels": {
            "personal": {"offer": sentence(rng), "goal": sentence(rng), "contacts": sentence(rng)},
            "organisation": {"stands_for": sentence(rng), "ambition": sentence(rng)},
        },
        "contacts": [],
        "how_where": {"occasions": pick(rng, OCCASIONS, rng.randint(1, 4)),
                      "places": ", ".join(pick(rng, PLACES, 2)), "approach": sentence(rng)},
        "sustain": {"actions": [], "follow_up": sentence(rng), "knowledge": sentence(rng),
                    "evaluation": sentence(rng)},
    }
    for c in range(rng.randint(*contacts_range)):
        contact = {"name": CONTACTS[(i * 7 + c * 3) % len(CONTACTS)] if c < len(CONTACTS)
                   else f"Contact {c + 1}",
                   "kind": rng.choice(KINDS), "ring": rng.randint(1, 3),
                   "status": "desired" if rng.random() < 0.3 else "current",
                   "level": rng.choice(["personal", "organisation"])}
        if rng.random() < 0.3:
            contact["how"] = rng.choice(OCCASIONS)
        if rng.random() < 0.2:
            contact["where"] = rng.choice(PLACES)
        answers["contacts"].append(contact)
    for a in range(rng.randint(*actions_range)):
        answers["sustain"]["actions"].append({
            "what": rng.choice(["Afspraak maken met", "Koffie drinken met", "Mail sturen naar",
                                "Uitnodigen voor het buurtfeest:", "Terugkoppelen aan"])
            + " " + rng.choice(CONTACTS),
            "who": rng.choice(CONTACTS),
            "when": f"2027-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "term": rng.choice(["short", "long"]),
            "done": rng.random() < 0.2,
        })
    return answers


def yaml_scalar(v):
    # JSON strings are YAML strings; everything netkaart reads is plain data.
    return json.dumps(v, ensure_ascii=False)


def to_yaml(value, indent=0):
    pad = "  " * indent
    lines = []
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{k}:")
                lines.append(to_yaml(v, indent + 1))
            else:
                lines.append(f"{pad}{k}: {yaml_scalar(v)}")
    else:
        for item in value:
            if isinstance(item, dict):
                body = to_yaml(item, indent + 1).lstrip()
                lines.append(f"{pad}- {body}")
            else:
                lines.append(f"{pad}- {yaml_scalar(item)}")
    return "\n".join(lines)


def flatten(value, prefix=""):
    """Answers as spreadsheet columns: dotted paths, lists of words joined with ';'."""
    out = {}
    for k, v in value.items():
        path = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, path + "."))
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            for i, item in enumerate(v, 1):
                out.update(flatten(item, f"{path}.{i}."))
        elif isinstance(v, list):
            out[path] = "; ".join(v)
        elif isinstance(v, bool):
            out[path] = "true" if v else "false"
        else:
            out[path] = str(v)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=["dir", "multi", "csv", "xlsx"], default="dir")
    ap.add_argument("--contacts", default="5-25")
    ap.add_argument("--actions", default="2-8")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    cr = tuple(int(x) for x in args.contacts.split("-"))
    ar = tuple(int(x) for x in args.actions.split("-"))
    people = [participant(rng, i, cr, ar) for i in range(args.count)]
    if args.format == "dir":
        os.makedirs(args.out, exist_ok=True)
        width = len(str(args.count))
        for i, p in enumerate(people, 1):
            with open(os.path.join(args.out, f"p{i:0{width}d}.yaml"), "w", encoding="utf-8") as f:
                f.write(to_yaml(p) + "\n")
    elif args.format == "multi":
        with open(args.out, "w", encoding="utf-8") as f:
            for p in people:
                f.write("---\n" + to_yaml(p) + "\n")
    else:
        rows = [flatten(p) for p in people]
        seen = []
        for r in rows:
            for c in r:
                if c not in seen:
                    seen.append(c)
        # Schema order: contacts.1.* before contacts.2.*, and each list where it belongs.
        pattern = [".".join("N" if x.isdigit() else x for x in c.split(".")) for c in seen]
        first = {}
        for pat in pattern:
            first.setdefault(pat.split(".N.")[0], len(first))
            first.setdefault(pat, len(first))

        def order(c):
            parts = c.split(".")
            nums = [int(x) for x in parts if x.isdigit()]
            pat = ".".join("N" if x.isdigit() else x for x in parts)
            return (first[pat.split(".N.")[0]], nums, first.get(pat, 0))

        # A form has every column, filled or not: each list's fields up to its longest.
        most = {}
        for c in seen:
            parts = c.split(".")
            for k, x in enumerate(parts):
                if x.isdigit():
                    prefix = ".".join(parts[:k])
                    most[prefix] = max(most.get(prefix, 0), int(x))
        full = []
        for c in seen:
            parts = c.split(".")
            digits = [k for k, x in enumerate(parts) if x.isdigit()]
            if not digits:
                full.append(c)
                continue
            k = digits[0]
            prefix = ".".join(parts[:k])
            for n in range(1, most[prefix] + 1):
                name = ".".join(parts[:k] + [str(n)] + parts[k + 1:])
                if name not in full:
                    full.append(name)
        # The tool fills in the schema version itself; a form does not ask for it.
        columns = sorted((c for c in full if c != "version"), key=order)
        if args.format == "csv":
            with open(args.out, "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(columns)
                for r in rows:
                    w.writerow([r.get(c, "") for c in columns])
        else:
            import datetime
            import openpyxl

            # A workbook keeps numbers, dates and yes/no as such, as a form's export does.
            def cell(c, v):
                if v == "":
                    return None
                if c.endswith(".ring"):
                    return int(v)
                if c.endswith(".done"):
                    return v == "true"
                if c.endswith(".date") or c.endswith(".when"):
                    return datetime.date.fromisoformat(v)
                return v

            book = openpyxl.Workbook()
            sheet = book.active
            sheet.title = "Antwoorden"
            sheet.append(columns)
            for r in rows:
                sheet.append([cell(c, r.get(c, "")) for c in columns])
            book.save(args.out)


if __name__ == "__main__":
    main()

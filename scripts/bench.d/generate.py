"""Writes the same synthetic portfolio twice: as a FieldKit script and as the plain SQL a
sqlite3 user would write, with equivalent tables and indexes; and ~200 equivalent
questions in both languages.

Shape: N projects with regions in a three-level hierarchy across KG, TJ and UZ (country,
ISO 3166-2 province, district), 2 partner links, 2 outcomes and 5 records per outcome:
15 statements per project, about 150k at N = 10,000.
"""
import os
import random

PROVINCES = {
    "KG": ["KG-B", "KG-C", "KG-J", "KG-N", "KG-O", "KG-T", "KG-Y"],
    "TJ": ["TJ-GB", "TJ-KT", "TJ-SU"],
    "UZ": ["UZ-AN", "UZ-BU", "UZ-FA", "UZ-JI", "UZ-NG", "UZ-NW", "UZ-QA", "UZ-SA", "UZ-SI", "UZ-SU", "UZ-TO", "UZ-XO"],
}
STATUSES = ["pipeline", "active", "finalising", "closed", "cancelled", "suspended"]
ROLES = ["funder", "lead", "implementer", "counterpart"]
DISTRICTS_PER_PROVINCE = 8
PARTNERS = 300


def districts():
    for country, provinces in PROVINCES.items():
        for province in provinces:
            for d in range(DISTRICTS_PER_PROVINCE):
                yield province, f"{province.lower()}-d{d}"


def generate(n, folder, seed=2007):
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    all_districts = list(districts())
    fk = open(os.path.join(folder, "portfolio.fk"), "w", encoding="utf-8")
    sql = open(os.path.join(folder, "portfolio.sql"), "w", encoding="utf-8")
    sql.write(SCHEMA)
    sql.write("BEGIN;\n")
    for country, provinces in PROVINCES.items():
        sql.write(f"INSERT INTO regions (id, name, level, parent_id) VALUES ('{country}', '{country}', 'country', NULL);\n")
        for province in provinces:
            fk.write(f"add region {province}\n")
            sql.write(f"INSERT INTO regions (id, name, level, parent_id) VALUES ('{province}', '{province}', 'province', '{country}');\n")
    for province, district in all_districts:
        fk.write(f'add region {district} name "District {district}" level district parent {province}\n')
        sql.write(f"INSERT INTO regions (id, name, level, parent_id) VALUES ('{district}', 'District {district}', 'district', '{province}');\n")
    for p in range(PARTNERS):
        fk.write(f'add partner partner-{p} name "Partner {p}" kind national-ngo country KG\n')
        sql.write(f"INSERT INTO partners (id, name, kind, country) VALUES ('partner-{p}', 'Partner {p}', 'national-ngo', 'KG');\n")
    for i in range(n):
        pid = f"P-{i:06d}"
        status = rng.choice(STATUSES)
        year = rng.randint(2000, 2012)
        start = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        end = f"{year + rng.randint(1, 4)}-{rng.randint(1, 12):02d}"
        regions = rng.sample(all_districts, 2)
        budget = rng.randint(10, 900) * 1000
        fk.write(f'add project {pid} title "Project {i}" status {status} start {start} end {end} '
                 f'regions {regions[0][1]}, {regions[1][1]} budget {budget} EUR sectors 15190\n')
        sql.write(f"INSERT INTO projects (id, title, status, start, \"end\", budget, currency) VALUES "
                  f"('{pid}', 'Project {i}', '{status}', '{start}', '{end}', {budget}, 'EUR');\n")
        for position, (_, district) in enumerate(regions):
            sql.write(f"INSERT INTO project_regions (project_id, position, region_id) VALUES ('{pid}', {position}, '{district}');\n")
        partners = rng.sample(range(PARTNERS), 2)
        for partner, role in zip(partners, rng.sample(ROLES, 2)):
            fk.write(f"link {pid} partner-{partner} as {role}\n")
            sql.write(f"INSERT INTO participations (project_id, partner_id, role) VALUES ('{pid}', 'partner-{partner}', '{role}');\n")
        for k in range(2):
            target = rng.randint(5, 50)
            fk.write(f'add outcome {pid}/o{k} title "Outcome {k} of {i}" measure count baseline 0 target {target} due {end}\n')
            sql.write(f"INSERT INTO outcomes (project_id, key, title, measure, baseline, target, due) VALUES "
                      f"('{pid}', 'o{k}', 'Outcome {k} of {i}', 'count', 0, {target}, '{end}');\n")
            for r in range(5):
                value = rng.randint(0, 5)
                date = f"{year}-{r * 2 + 1:02d}-15"
                fk.write(f"record {pid}/o{k} {value} on {date}\n")
                sql.write(f"INSERT INTO measurements (project_id, outcome_key, date, value) VALUES ('{pid}', 'o{k}', '{date}', {value});\n")
    sql.write("COMMIT;\n")
    fk.close()
    sql.close()
    write_questions(folder, rng, n)


def write_questions(folder, rng, n):
    provinces = [p for ps in PROVINCES.values() for p in ps]
    fk, sql = [], []
    for q in range(50):
        province = provinces[q % len(provinces)]
        status = STATUSES[q % len(STATUSES)]
        fk.append(f"projects where regions under {province} and status = {status} | sort end desc | take 10 | columns id, title, end")
        sql.append(
            "WITH RECURSIVE under(id) AS (SELECT '%s' UNION SELECT r.id FROM regions r JOIN under u ON r.parent_id = u.id) "
            "SELECT DISTINCT p.id, p.title, p.\"end\" FROM projects p JOIN project_regions pr ON pr.project_id = p.id "
            "WHERE pr.region_id IN (SELECT id FROM under) AND p.status = '%s' ORDER BY p.\"end\" DESC LIMIT 10;" % (province, status))
    for q in range(50):
        partner = f"partner-{rng.randrange(PARTNERS)}"
        fk.append(f"projects where funders has {partner} | count")
        sql.append(f"SELECT count(DISTINCT project_id) FROM participations WHERE partner_id = '{partner}' AND role = 'funder';")
    for q in range(50):
        threshold = 10 + q
        fk.append(f"outcomes where progress < {threshold}% | count")
        sql.append(progress_count_sql(threshold / 100))
    for q in range(50):
        fk.append("projects | count by status")
        sql.append("SELECT status, count(*) FROM projects GROUP BY status ORDER BY status;")
    with open(os.path.join(folder, "questions.fk"), "w") as f:
        f.write("\n".join(fk) + "\n")
    with open(os.path.join(folder, "questions.sql"), "w") as f:
        f.write("\n".join(sql) + "\n")
    with open(os.path.join(folder, "question.fk"), "w") as f:
        f.write(fk[0] + "\n")
    with open(os.path.join(folder, "question.sql"), "w") as f:
        f.write(sql[0] + "\n")
    # W3w/W6w: one question that needs the whole portfolio (every outcome and its records).
    with open(os.path.join(folder, "question-whole.fk"), "w") as f:
        f.write("outcomes where progress < 50% | count\n")
    with open(os.path.join(folder, "question-whole.sql"), "w") as f:
        f.write(progress_count_sql(0.5) + "\n")
    write_narrow_questions(folder, rng, n)


def progress_count_sql(fraction):
    """`outcomes where progress < X% | count`. FieldKit's progress of an outcome is
    (current - baseline) / (target - baseline), nil when target = baseline (and then no
    comparison holds); current is baseline + the sum of the records for a `count` measure,
    the latest record for `level`/`percent`. Every generated outcome is a `count` with
    baseline 0, dated before today, so the sum is exact here."""
    return ("SELECT count(*) FROM (SELECT o.project_id, o.key, o.baseline, o.target, "
            "o.baseline + coalesce((SELECT sum(m.value) FROM measurements m WHERE m.project_id = o.project_id AND m.outcome_key = o.key), 0) AS current "
            "FROM outcomes o) WHERE target != baseline AND (current - baseline) * 1.0 / (target - baseline) < %s;" % fraction)


def decimal_sql(expression):
    """A fraction as FieldKit writes one: `%.6f` without trailing zeros."""
    return f"rtrim(rtrim(printf('%.6f', {expression}), '0'), '.')"


def progress_sql(where):
    """`progress X`: FieldKit's columns project, project-title, id, outcome, title, baseline,
    current, target, unit, progress, expected, status, last-recorded, note, for the outcomes
    `where` selects. Expected is the time elapsed
    from the project's start to the outcome's due date (its last day), clamped to 0…1; the
    status is FieldKit's: not-started without records, achieved at 100%, off-track past its
    due date, else by how far progress is behind the time elapsed (10% on track, 25% at risk)."""
    due_last = "date(CASE WHEN length(o.due) = 7 THEN o.due || '-01' ELSE o.due END, " \
               "CASE WHEN length(o.due) = 7 THEN '+1 month' ELSE '+0 days' END, " \
               "CASE WHEN length(o.due) = 7 THEN '-1 day' ELSE '+0 days' END)"
    return (
        "SELECT project_id, project_title, id, key, title, baseline, current, target, NULL, " + decimal_sql("progress") + ", " + decimal_sql("expected") + ", "
        "CASE WHEN records = 0 THEN 'not-started' WHEN progress >= 1 THEN 'achieved' WHEN date('now') > due_last THEN 'off-track' "
        "WHEN expected - progress <= 0.10 THEN 'on-track' WHEN expected - progress <= 0.25 THEN 'at-risk' ELSE 'off-track' END, "
        "last_recorded, NULL FROM (SELECT *, "
        "(current - baseline) * 1.0 / (target - baseline) AS progress, "
        "min(1.0, max(0.0, (julianday(date('now')) - julianday(start)) / (julianday(due_last) - julianday(start)))) AS expected "
        "FROM (SELECT o.project_id, p.title AS project_title, o.project_id || '/' || o.key AS id, o.key, o.title, o.baseline, o.target, p.start, " + due_last + " AS due_last, "
        "o.baseline + coalesce(sum(m.value), 0) AS current, count(m.id) AS records, max(m.date) AS last_recorded "
        "FROM outcomes o JOIN projects p ON p.id = o.project_id "
        "LEFT JOIN measurements m ON m.project_id = o.project_id AND m.outcome_key = o.key "
        "WHERE " + where + " GROUP BY o.project_id, o.key)) ORDER BY id;")


def write_narrow_questions(folder, rng, n):
    """W2b: 200 questions of W2's shapes in one script, of which only two need the whole
    portfolio. The 198 others are what FieldKit answers on a narrowed read when each is
    asked one-shot (Session.narrowing): `progress` of one project or of one outcome, and
    W2's region/status and funder questions (a slice of the projects by the indexes). W2's
    `projects | count by status` is left out (it reads every project, though not their
    outcomes); the two that need everything are W2's `outcomes where progress < X% | count`."""
    provinces = [p for ps in PROVINCES.values() for p in ps]
    fk, sql = [], []
    for q in range(198):
        kind = q % 4
        pid = f"P-{rng.randrange(n):06d}"
        if kind == 0:
            fk.append(f"progress {pid}")
            sql.append(progress_sql(f"o.project_id = '{pid}'"))
        elif kind == 1:
            key = f"o{rng.randrange(2)}"
            fk.append(f"progress {pid}/{key}")
            sql.append(progress_sql(f"o.project_id = '{pid}' AND o.key = '{key}'"))
        elif kind == 2:
            province = provinces[(q // 4) % len(provinces)]
            status = STATUSES[(q // 4) % len(STATUSES)]
            fk.append(f"projects where regions under {province} and status = {status} | sort end desc | take 10 | columns id, title, end")
            sql.append(
                "WITH RECURSIVE under(id) AS (SELECT '%s' UNION SELECT r.id FROM regions r JOIN under u ON r.parent_id = u.id) "
                "SELECT DISTINCT p.id, p.title, p.\"end\" FROM projects p JOIN project_regions pr ON pr.project_id = p.id "
                "WHERE pr.region_id IN (SELECT id FROM under) AND p.status = '%s' ORDER BY p.\"end\" DESC LIMIT 10;" % (province, status))
        else:
            partner = f"partner-{rng.randrange(PARTNERS)}"
            fk.append(f"projects where funders has {partner} | count")
            sql.append(f"SELECT count(DISTINCT project_id) FROM participations WHERE partner_id = '{partner}' AND role = 'funder';")
    # The two that need the whole portfolio, a third and two thirds of the way through.
    for position, fraction in ((66, 0.3), (133, 0.7)):
        fk.insert(position, f"outcomes where progress < {round(fraction * 100)}% | count")
        sql.insert(position, progress_count_sql(fraction))
    with open(os.path.join(folder, "questions-narrow.fk"), "w") as f:
        f.write("\n".join(fk) + "\n")
    with open(os.path.join(folder, "questions-narrow.sql"), "w") as f:
        f.write("\n".join(sql) + "\n")


SCHEMA = """
CREATE TABLE IF NOT EXISTS regions (id TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, parent_id TEXT REFERENCES regions (id));
CREATE INDEX IF NOT EXISTS regions_parent ON regions (parent_id);
CREATE TABLE IF NOT EXISTS partners (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, country TEXT);
CREATE TABLE IF NOT EXISTS projects (id TEXT PRIMARY KEY, title TEXT NOT NULL, status TEXT NOT NULL, start TEXT, "end" TEXT, budget NUMERIC, currency TEXT);
CREATE INDEX IF NOT EXISTS projects_status ON projects (status);
CREATE TABLE IF NOT EXISTS project_regions (project_id TEXT NOT NULL REFERENCES projects (id), position INTEGER NOT NULL, region_id TEXT NOT NULL REFERENCES regions (id), PRIMARY KEY (project_id, position));
CREATE INDEX IF NOT EXISTS project_regions_region ON project_regions (region_id);
CREATE TABLE IF NOT EXISTS participations (project_id TEXT NOT NULL REFERENCES projects (id), partner_id TEXT NOT NULL REFERENCES partners (id), role TEXT NOT NULL, PRIMARY KEY (project_id, partner_id, role));
CREATE INDEX IF NOT EXISTS participations_partner ON participations (partner_id);
CREATE TABLE IF NOT EXISTS outcomes (project_id TEXT NOT NULL REFERENCES projects (id), key TEXT NOT NULL, title TEXT, measure TEXT, baseline NUMERIC, target NUMERIC, due TEXT, PRIMARY KEY (project_id, key));
CREATE TABLE IF NOT EXISTS measurements (id INTEGER PRIMARY KEY, project_id TEXT NOT NULL, outcome_key TEXT NOT NULL, date TEXT NOT NULL, value NUMERIC, FOREIGN KEY (project_id, outcome_key) REFERENCES outcomes (project_id, key));
CREATE INDEX IF NOT EXISTS measurements_outcome ON measurements (project_id, outcome_key, date);
PRAGMA journal_mode = WAL;
"""

if __name__ == "__main__":
    import sys
    generate(int(sys.argv[1]), sys.argv[2])

#!/bin/sh
# The KAM assessment at scale, each figure beside a reference measured in
# the same run (never a timed unit test):
#  (a) scoring a round of 100 accounts x 5 raters (plus 5 raters of the
#      programme): `kam assess results R --json` - the whole command: open
#      the database, load the answers, score, gaps, evidence, recommendations -
#      (target <= 200 ms) against the sqlite3 CLI computing only the
#      item -> dimension weighted means of the same answers in SQL;
#  (b) the programme report of that round as an A4 PDF: `kam report
#      programme --format pdf` (target <= 2 s for >= 20 pages) against
#      chromium --headless --print-to-pdf of the same report's self-contained
#      HTML. The page counts of both are printed.
#   sh bench/assessment.sh build/kam      (BENCH_DIR=DIR: build the round once, keep and reuse it)
# The round is built in a temporary directory: a 100-account demo, a new
# round over all 100 accounts, 5 raters per account (two executives, a
# sponsor, a KAM and a team member) written with sqlite3, and generated
# answers (about 10% not applicable, importance on most) imported with
# `kam assess import`.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KAM=${1:-${KAM:-$ROOT/build/kam}}
RUNS=${RUNS:-9}
# BENCH_DIR=DIR keeps the database there and reuses it on the next run.
if [ -n "${BENCH_DIR:-}" ]; then
    TMP=$BENCH_DIR
    mkdir -p "$TMP"
else
    TMP=$(mktemp -d)
    trap 'rm -rf "$TMP"' EXIT INT TERM
fi
export KAM_NO_PROGRESS=1 KAM_TODAY=${KAM_TODAY:-2026-11-28} KAM_DB=$TMP/kam.db
if [ -f "$TMP/round" ]; then
    R=$(cat "$TMP/round")
else
echo "building a round of 100 accounts x 5 raters ..."
"$KAM" init --name "Bench SpA" >/dev/null
"$KAM" demo --accounts 100 --seed 7 >/dev/null
for u in "bx1 executive" "bx2 executive" "bx3 executive" "bx4 executive" "bx5 executive" "bk kam" "bt team"; do
    set -- $u
    echo "correct horse battery staple" | "$KAM" user add "$1" --role "$2" --password-stdin >/dev/null
done
ids=$(sqlite3 "$KAM_DB" "SELECT group_concat(id) FROM (SELECT id FROM account ORDER BY id LIMIT 100)")
R=$("$KAM" assess round create --name "Bench round" --deadline 2026-12-31 --accounts "$ids" |
    sed -n 's/^created round \([0-9]*\).*/\1/p')
"$KAM" assess round open "$R" >/dev/null
sqlite3 "$KAM_DB" "
INSERT INTO rater (round_id, user_id, rater_role, account_id, invited_on)
  SELECT $R, u.id, CASE u.login WHEN 'bx3' THEN 'sponsor' WHEN 'bk' THEN 'kam' WHEN 'bt' THEN 'team'
                    ELSE 'executive' END, ra.account_id, '$KAM_TODAY'
  FROM round_account ra, app_user u WHERE ra.round_id = $R AND u.login IN ('bx1', 'bx2', 'bx3', 'bk', 'bt');
INSERT INTO rater (round_id, user_id, rater_role, account_id, invited_on)
  SELECT $R, id, 'executive', NULL, '$KAM_TODAY' FROM app_user WHERE login IN ('bx1', 'bx2', 'bx3', 'bx4', 'bx5');"
sqlite3 -separator , "$KAM_DB" "
SELECT u.login, coalesce(r.account_id, ''), i.code FROM rater r JOIN app_user u ON u.id = r.user_id
  JOIN assessment_round ar ON ar.id = r.round_id
  JOIN assessment_item i ON i.catalogue_id = ar.catalogue_id
   AND i.level = CASE WHEN r.account_id IS NULL THEN 'corporate' ELSE 'operational' END
 WHERE r.round_id = $R ORDER BY r.id, i.sort" >"$TMP/cells.csv"
python3 - "$TMP/cells.csv" >"$TMP/answers.csv" <<'PY'
import random, sys
rnd = random.Random(42)
print("rater,account,item,score,importance,comment")
for line in open(sys.argv[1]):
    login, acct, item = line.strip().split(",")
    score = "n" if rnd.random() < 0.1 else str(max(1, min(5, round(rnd.gauss(3.4, 0.9)))))
    imp = "" if rnd.random() < 0.2 else str(rnd.randint(2, 5))
    print(f"{login},{acct},{item},{score},{imp},")
PY
"$KAM" assess import "$R" "$TMP/answers.csv"
echo "$R" >"$TMP/round"
fi
"$KAM" report programme --round "$R" --format html -o "$TMP/report.html"

echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
python3 - "$KAM" "$R" "$KAM_DB" "$RUNS" "$TMP" <<'PY'
import os, shutil, statistics, subprocess, sys, time
kam, rid, db, runs, tmp = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
def timed(cmd, **kw):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, **kw)
    return time.perf_counter() - t
# (a) scoring: the whole command against plain SQL doing the weighted means only
sql = f"""
WITH item_subject AS (
  SELECT coalesce(r.account_id, 0) AS subject, a.item_id, avg(a.score) AS mean
    FROM answer a JOIN rater r ON r.id = a.rater_id
   WHERE r.round_id = {rid} AND a.na = 0 GROUP BY 1, 2),
dim AS (
  SELECT s.subject, i.level, i.dimension, sum(i.weight * s.mean) / sum(i.weight) AS score
    FROM item_subject s JOIN assessment_item i ON i.id = s.item_id GROUP BY 1, 2, 3)
SELECT level, dimension, avg(score), count(*) FROM dim GROUP BY 1, 2 ORDER BY 1, 2;"""
score_cmd = [kam, "assess", "results", rid, "--json"]
text_cmd = [kam, "assess", "results", rid]
sql_cmd = ["sqlite3", "-batch", db]
timed(score_cmd); timed(sql_cmd, input=sql, text=True)  # warm the page cache
ks, ts, vs, qs = [], [], [], []
for _ in range(runs):  # interleaved, so all see the same machine load
    ks.append(timed(score_cmd)); ts.append(timed(text_cmd)); vs.append(timed([kam, "--version"]))
    qs.append(timed(sql_cmd, input=sql, text=True))
answers = subprocess.run(["sqlite3", db, f"SELECT count(*) FROM answer a JOIN rater r ON r.id = a.rater_id WHERE r.round_id = {rid}"],
                         capture_output=True, text=True).stdout.strip()
mk, mq = statistics.median(ks) * 1000, statistics.median(qs) * 1000
print(f"(a) scoring 100 accounts x 5 raters ({answers} answers), {runs} runs: kam assess results median {mk:.0f} ms "
      f"(target <= 200), {statistics.median(ts) * 1000:.0f} ms as text; sqlite3 CLI weighted means only {mq:.0f} ms; "
      f"ratio {mk / mq:.1f}. (Starting the kam binary alone, kam --version: {statistics.median(vs) * 1000:.0f} ms)")

# (b) the programme PDF against chromium printing the same report's HTML
pdf = os.path.join(tmp, "report.pdf")
pdf_cmd = [kam, "report", "programme", "--round", rid, "--format", "pdf", "-o", pdf]
timed(pdf_cmd)
kp = [timed(pdf_cmd) for _ in range(max(3, runs // 3))]
def pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    return next((l.split()[-1] for l in out.splitlines() if l.startswith("Pages:")), "?")
chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
line = (f"(b) programme report, {pages(pdf)} A4 pages: kam report --format pdf median "
        f"{statistics.median(kp) * 1000:.0f} ms (target <= 2000)")
if chromium:
    cpdf = os.path.join(tmp, "chromium.pdf")
    ccmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
            f"--user-data-dir={os.path.join(tmp, 'chromium-profile')}", f"--print-to-pdf={cpdf}",
            "file://" + os.path.join(tmp, "report.html")]
    timed(ccmd)
    cp = [timed(ccmd) for _ in range(3)]
    line += (f"; chromium --print-to-pdf of the same HTML {statistics.median(cp) * 1000:.0f} ms, "
             f"{pages(cpdf)} pages; ratio {statistics.median(kp) / statistics.median(cp):.2f}")
else:
    line += "; chromium not installed: no reference"
print(line)
PY

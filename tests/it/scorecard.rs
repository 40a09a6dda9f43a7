//! The weekly scorecard (issue: Data).

use crate::common::TestCompany;

/// Six measurables kept since October (`since = "2026-W39"`), so the
/// weeks the tests record in are all weeks the scorecard keeps.
fn with_measurables() -> TestCompany {
    let t = TestCompany::new().with_today("2026-10-01");
    t.ok(&[
        "scorecard",
        "add",
        "New qualified leads",
        "--owner",
        "amy",
        "--goal",
        ">= 20",
    ]);
    t.ok(&[
        "scorecard",
        "add",
        "Churn",
        "--owner",
        "amy",
        "--goal",
        "<= 2",
        "--unit",
        "%",
    ]);
    t.ok(&[
        "scorecard",
        "add",
        "Incidents",
        "--owner",
        "ian",
        "--goal",
        "== 0",
    ]);
    t.ok(&[
        "scorecard",
        "add",
        "Deploys",
        "--owner",
        "ian",
        "--goal",
        "> 0",
    ]);
    t.ok(&[
        "scorecard",
        "add",
        "Open bugs",
        "--owner",
        "zoe",
        "--goal",
        "< 5",
    ]);
    t.ok(&[
        "scorecard",
        "add",
        "Cash weeks",
        "--owner",
        "zoe",
        "--goal",
        "30..80",
    ]);
    t.with_today(crate::common::TODAY)
}

#[test]
fn goals_of_every_form_hit_and_miss_at_the_boundary() {
    let t = with_measurables();
    let cases = [
        ("new-qualified-leads", "20", true),
        ("new-qualified-leads", "19.9", false),
        ("churn", "2%", true),
        ("churn", "2.1", false),
        ("incidents", "0", true),
        ("incidents", "1", false),
        ("deploys", "0.1", true),
        ("deploys", "0", false),
        ("open-bugs", "4.9", true),
        ("open-bugs", "5", false),
        ("cash-weeks", "30", true),
        ("cash-weeks", "80", true),
        ("cash-weeks", "80.5", false),
    ];
    for (m, v, hit) in cases {
        let json: serde_json::Value = serde_json::from_str(&t.ok(&[
            "--json",
            "scorecard",
            "record",
            m,
            v,
            "--week",
            "2026-W40",
        ]))
        .unwrap();
        assert_eq!(json["hit"], hit, "{m} {v}");
    }
    let err = t.fails(
        &[
            "scorecard",
            "add",
            "X",
            "--owner",
            "amy",
            "--goal",
            "about 20",
        ],
        1,
    );
    assert!(err.contains("`>= n`") && err.contains("`a..b`"), "{err}");
}

#[test]
fn record_defaults_to_the_week_the_next_meeting_reviews_and_replaces() {
    // The meeting is on Thursdays at 09:00; Thursday 2026-12-31 is held.
    let t = with_measurables().with_today("2027-01-01");
    let out = t.ok(&["scorecard", "record", "new-q", "23"]);
    assert_eq!(out, "new-qualified-leads 2026-W53: 23 (hit, goal >= 20)\n");
    // Monday: the next meeting (2027-01-07) still reviews 2026-W53.
    let t = t.with_today("2027-01-04");
    let out = t.ok(&[
        "scorecard",
        "record",
        "new-q",
        "18",
        "--note",
        "holidays, see \"issue\"",
    ]);
    assert!(
        out.contains("2026-W53: 18") && out.contains("replaces 23"),
        "{out}"
    );
    let out = t.ok(&["scorecard", "record", "new-q", "21", "--week", "2026-W52"]);
    assert!(!out.contains("replaces"), "{out}");
    let csv = t.read("scorecard.csv");
    assert_eq!(
        csv,
        "week,measurable,value,note\n2026-W52,new-qualified-leads,21,\n2026-W53,new-qualified-leads,18,\"holidays, see \"\"issue\"\"\"\n"
    );
    assert_eq!(
        t.log()[0],
        "scorecard: new-qualified-leads = 21 for 2026-W52 (hit, goal >= 20)"
    );
}

/// Friday 2026-12-04 with a Monday meeting: `record` wrote to 2026-W48,
/// which Monday's meeting had already reviewed, and a discussed miss became
/// a hit. The default is now the week the next meeting reviews; a reviewed
/// week is only replaced when named, and the message says so.
#[test]
fn record_on_friday_writes_the_week_the_next_meeting_reviews() {
    let t = with_measurables().with_today("2026-11-30");
    let company = t
        .read("company.toml")
        .replace("weekday = \"thursday\"", "weekday = \"monday\"");
    t.commit_file("company.toml", &company);
    t.ok(&["scorecard", "record", "new-q", "22", "--week", "2026-W48"]);
    let t = t.with_today("2026-12-04");
    let out = t.ok(&["scorecard", "record", "new-q", "29"]);
    assert!(out.starts_with("new-qualified-leads 2026-W49: 29"), "{out}");
    assert!(!out.contains("replaces"), "{out}");
    // Correcting the reviewed week takes --week, and says what it replaced.
    let out = t.ok(&["scorecard", "record", "new-q", "23", "--week", "2026-W48"]);
    assert!(
        out.contains("replaces 22, which the meeting of 2026-11-30 reviewed"),
        "{out}"
    );
}

/// On Sunday 2026-11-29 `status` said W47, `agenda` W48 and `record` wrote
/// W47. They now agree on the week the next meeting reviews.
#[test]
fn status_agenda_and_record_agree_on_the_scorecard_week() {
    let t = with_measurables().with_today("2026-11-29");
    let status = t.ok(&["status"]);
    let agenda = t.ok(&["agenda"]);
    let out = t.ok(&["scorecard", "record", "churn", "1"]);
    assert!(status.contains("week 2026-W48"), "{status}");
    assert!(agenda.contains("week 2026-W48"), "{agenda}");
    assert!(out.contains("2026-W48"), "{out}");
}

#[test]
fn bad_values_and_weeks_are_rejected_with_the_form() {
    let t = with_measurables();
    let err = t.fails(&["scorecard", "record", "churn", "lots"], 1);
    assert!(err.contains("expected a number"), "{err}");
    let err = t.fails(
        &["scorecard", "record", "churn", "3", "--week", "2027-W53"],
        1,
    );
    assert!(err.contains("2027 has no ISO week 53"), "{err}");
    let err = t.fails(&["scorecard", "record", "churn", "3", "--week", "47"], 1);
    assert!(err.contains("YYYY-Www"), "{err}");
    let err = t.fails(
        &["scorecard", "record", "churn", "3", "--week", "2027-W10"],
        1,
    );
    assert!(err.contains("has not started yet"), "{err}");
    let err = t.fails(&["scorecard", "record", "nps", "3"], 1);
    assert!(err.contains("unknown measurable `nps`"), "{err}");
    assert!(!t.path().join("scorecard.csv").exists() || !t.read("scorecard.csv").contains("churn"));
}

#[test]
fn a_broken_csv_row_names_its_line() {
    let t = with_measurables();
    t.commit_file(
        "scorecard.csv",
        "week,measurable,value,note\n2026-W46,churn,1,\n2026-W47,churn,two,\n",
    );
    let err = t.fails(&["scorecard"], 2);
    assert!(
        err.contains("scorecard.csv:3:") && err.contains("expected a number"),
        "{err}"
    );
    let err = t.fails(&["scorecard", "record", "churn", "1"], 2);
    assert!(err.contains("scorecard.csv:3:"), "{err}");
}

#[test]
fn union_merge_of_two_clones() {
    let t = with_measurables();
    t.commit_file(".gitattributes", "scorecard.csv merge=union\n");
    t.ok(&["scorecard", "record", "churn", "1", "--week", "2026-W45"]);
    let clone = tempfile::TempDir::new().unwrap();
    let other = clone.path().join("other");
    t.git(&[
        "clone",
        "-q",
        t.path().to_str().unwrap(),
        other.to_str().unwrap(),
    ]);
    // Two people record in the same week, in two clones.
    t.ok(&["scorecard", "record", "churn", "2", "--week", "2026-W47"]);
    let out = t
        .pulse_std()
        .current_dir(&other)
        .args([
            "scorecard",
            "record",
            "incidents",
            "0",
            "--week",
            "2026-W47",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let git_other = |args: &[&str]| {
        let mut cmd = std::process::Command::new("git");
        crate::common::hermetic(&mut cmd, t.path());
        let o = cmd.current_dir(&other).args(args).output().unwrap();
        assert!(
            o.status.success(),
            "{args:?}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    };
    git_other(&["pull", "-q", "--no-rebase", "--no-edit"]);
    let csv = std::fs::read_to_string(other.join("scorecard.csv")).unwrap();
    assert!(
        csv.contains("2026-W47,churn,2,")
            && csv.contains("2026-W47,incidents,0,")
            && !csv.contains("<<<<"),
        "{csv}"
    );
    let out = t
        .pulse_std()
        .current_dir(&other)
        .args(["--json", "scorecard", "--weeks", "4"])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn the_table() {
    // Thursday before the 09:00 meeting: the table ends at the week it reviews.
    let t = with_measurables().with_today("2026-11-26");
    for (w, v) in [("2026-W44", "25"), ("2026-W45", "18"), ("2026-W47", "22")] {
        t.ok(&["scorecard", "record", "new-q", v, "--week", w]);
    }
    t.ok(&["scorecard", "record", "churn", "3.5", "--week", "2026-W47"]);
    insta::assert_snapshot!("scorecard_table", t.ok(&["scorecard", "--weeks", "5"]));
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "scorecard", "--weeks", "5", "--owner", "amy"]))
            .unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), 2);
    assert_eq!(json["rows"][0]["values"][4]["hit"], true);
    assert_eq!(
        json["rows"][0]["values"][3]["value"],
        serde_json::Value::Null
    );
    t.fails(&["scorecard", "--weeks", "0"], 1);
}

#[test]
fn edit_and_remove_keep_the_values() {
    let t = with_measurables().with_today("2026-11-26");
    t.ok(&["scorecard", "record", "churn", "3", "--week", "2026-W46"]);
    t.ok(&[
        "scorecard",
        "edit",
        "churn",
        "--goal",
        "<= 5",
        "--owner",
        "zoe",
        "--name",
        "Churned accounts",
    ]);
    let defs = t.read("scorecard.toml");
    assert!(defs.contains("id = \"churn\"\nname = \"Churned accounts\"\nowner = \"zoe\"\ngoal = \"<= 5\"\nunit = \"%\"\nsince = \"2026-W39\"\ngoal_from = \"2026-W47\"\ngoals = [{ from = \"2026-W46\", goal = \"<= 2\" }]"), "{defs}");
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "scorecard", "--weeks", "2"])).unwrap();
    let churn = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "churn")
        .unwrap()
        .clone();
    assert_eq!(
        churn["values"][0]["hit"], false,
        "the old value is judged against the goal of its week"
    );
    t.fails(&["scorecard", "edit", "churn", "--goal", "five"], 1);
    t.fails(&["scorecard", "edit", "churn"], 1);
    t.ok(&["scorecard", "remove", "churn"]);
    assert!(!t.read("scorecard.toml").contains("id = \"churn\""));
    assert!(t.read("scorecard.csv").contains("2026-W46,churn,3,"));
    // The rows kept as history are a note: a pre-commit `check --strict`
    // lets the removal through (found by reading the README).
    let out = t.pulse().args(["check", "--strict"]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("note: scorecard.csv:") && said.contains("values for `churn`"),
        "{said}"
    );
    assert!(!said.contains("warning: scorecard.csv"), "{said}");
}

#[test]
fn import_a_wide_spreadsheet() {
    let t = with_measurables();
    t.write("sheet.csv", "Measurable,Owner,Goal,Unit,2026-W45,2026-W46,2026-11-16\nNew qualified leads,amy,>= 20,,21,19,\nNPS,zoe,>= 50,,55,48,61\n");
    let out = t.ok(&["scorecard", "import", "sheet.csv"]);
    assert_eq!(
        out,
        "imported 5 values (0 replaced, 0 unchanged); measurables: 1 new, 1 existing; 1 empty cell left blank\nnew: nps\n"
    );
    let csv = t.read("scorecard.csv");
    assert!(
        csv.contains("2026-W45,nps,55,")
            && csv.contains("2026-W47,nps,61,")
            && csv.contains("2026-W46,new-qualified-leads,19,"),
        "{csv}"
    );
    t.write(
        "bad.csv",
        "measurable,owner,goal,2026-W45\nNPS,zoe,>= 50,lots\n",
    );
    let err = t.fails(&["scorecard", "import", "bad.csv"], 1);
    assert!(
        err.contains("bad.csv:2:4") && err.contains("expected a number"),
        "{err}"
    );
    t.write("bad.csv", "measurable,owner,goal,last week\n");
    let err = t.fails(&["scorecard", "import", "bad.csv"], 1);
    assert!(err.contains("not a week"), "{err}");
}

#[test]
fn scorecard_import_reads_a_spreadsheet_export_with_dates_units_full_names_and_a_total_row() {
    let t = TestCompany::demo();
    // As Google Sheets writes it: dates as headers in three forms (the
    // weeks 2026-W44, W45, W46), goals with their unit, owners by name, a
    // blank row and a total.
    t.write(
        "sheet.csv",
        "Measurable,Owner,Goal,10/26/26,Nov 2,2026-11-09\n\
         Win rate,Amy Chen,>= 40%,35%,41%,44%\n\
         Revenue,felix wagner,\">= $10,000\",\"$12,000\",$9.5k,\n\
         ,,,,,\n\
         Total,,,,,\n",
    );
    let out = t.ok(&["scorecard", "import", "sheet.csv"]);
    assert_eq!(
        out,
        "imported 5 values (0 replaced, 0 unchanged); measurables: 2 new, 0 existing; 1 empty cell left blank\n\
         new: win-rate, revenue\n\
         note: line 4 skipped: blank\n\
         note: line 5 skipped (`Total`): a summary row\n"
    );
    let defs = t.read("scorecard.toml");
    assert!(
        defs.contains("id = \"win-rate\"\nname = \"Win rate\"\nowner = \"amy\"\ngoal = \">= 40\"\nunit = \"%\"")
            && defs.contains("owner = \"felix\"\ngoal = \">= 10000\"\nunit = \"$\""),
        "{defs}"
    );
    let csv = t.read("scorecard.csv");
    for row in [
        "2026-W44,win-rate,35,",
        "2026-W45,win-rate,41,",
        "2026-W46,win-rate,44,",
        "2026-W44,revenue,12000,",
        "2026-W45,revenue,9500,",
    ] {
        assert!(csv.contains(row), "{row} in:\n{csv}");
    }
    assert_eq!(
        t.log()[0],
        "scorecard: import sheet.csv (2 measurables added, 5 values)"
    );
    // A name that is not on the roster is refused, naming the cell.
    t.write(
        "who.csv",
        "measurable,owner,goal,Nov 2\nNPS,Amy Chan,>= 50,55\n",
    );
    let err = t.fails(&["scorecard", "import", "who.csv"], 1);
    assert!(
        err.contains("who.csv:2:2: unknown person `Amy Chan`"),
        "{err}"
    );
}

#[test]
fn scorecard_import_reports_a_changed_goal_and_applies_it_with_update_goals() {
    let t = TestCompany::demo();
    t.write(
        "sheet.csv",
        "measurable,owner,goal,2026-W46,2026-W47\nNew qualified leads,amy,>= 25,28,27\n",
    );
    let out = t.ok(&["scorecard", "import", "sheet.csv"]);
    assert_eq!(
        out,
        "unchanged: the scorecard already holds 2 values of sheet.csv\n\
         goal of new-leads changed in the sheet: >= 25 (pulse has >= 20); kept, --update-goals sets it from 2026-W47\n"
    );
    assert!(t.read("scorecard.toml").contains("goal = \">= 20\""));
    let out = t.ok(&["scorecard", "import", "sheet.csv", "--update-goals"]);
    assert!(
        out.contains("goal of new-leads: >= 25 from 2026-W47 (was >= 20)"),
        "{out}"
    );
    let defs = t.read("scorecard.toml");
    assert!(
        defs.contains("goal = \">= 25\"") && defs.contains("goal_from = \"2026-W47\""),
        "{defs}"
    );
    // The weeks before keep the goal they had.
    assert!(defs.contains("goal = \">= 20\" }"), "{defs}");
    assert_eq!(
        t.log()[0],
        "scorecard: import sheet.csv (0 measurables added, 0 values, 1 goals changed)"
    );
}

#[test]
fn scorecard_import_of_identical_data_is_unchanged() {
    let t = with_measurables();
    t.write(
        "sheet.csv",
        "measurable,owner,goal,2026-W38,2026-W39\nNew qualified leads,amy,>= 20,21,19\n",
    );
    t.ok(&["scorecard", "import", "sheet.csv"]);
    let commits = t.log().len();
    let out = t.ok(&["scorecard", "import", "sheet.csv"]);
    assert_eq!(
        out,
        "unchanged: the scorecard already holds 2 values of sheet.csv\n"
    );
    assert_eq!(t.log().len(), commits, "nothing to commit");
    // One value changed: one replaced, the other unchanged.
    t.write(
        "sheet.csv",
        "measurable,owner,goal,2026-W38,2026-W39\nNew qualified leads,amy,>= 20,22,19\n",
    );
    let out = t.ok(&["scorecard", "import", "sheet.csv"]);
    assert!(
        out.starts_with("imported 1 value (1 replaced, 1 unchanged)"),
        "{out}"
    );
}

#[test]
fn scorecard_wide_export_imports_back_unchanged() {
    let t = TestCompany::demo();
    t.ok(&["export", "--format", "csv", "out"]);
    let (defs, values) = (t.read("scorecard.toml"), t.read("scorecard.csv"));
    let commits = t.log().len();
    let out = t.ok(&["scorecard", "import", "out/scorecard-wide.csv"]);
    assert!(
        out.starts_with(
            "unchanged: the scorecard already holds 103 values of out/scorecard-wide.csv\n"
        ),
        "{out}"
    );
    assert_eq!(t.read("scorecard.toml"), defs);
    assert_eq!(t.read("scorecard.csv"), values);
    assert_eq!(t.log().len(), commits);
}

#[test]
fn export_everything_as_csv_and_json() {
    let t = TestCompany::demo();
    let out = t.ok(&["export", "--format", "csv", "out"]);
    assert!(out.starts_with("10 files written to out:"), "{out}");
    let wide = t.read("out/scorecard-wide.csv");
    let mut lines = wide.lines();
    assert_eq!(
        lines.next().unwrap(),
        "measurable,name,owner,goal,unit,2026-W35,2026-W36,2026-W37,2026-W38,2026-W39,2026-W40,2026-W41,2026-W42,2026-W43,2026-W44,2026-W45,2026-W46,2026-W47"
    );
    assert_eq!(
        lines.next().unwrap(),
        "new-leads,New qualified leads,amy,>= 20,,21,27,14,24,20,18,21,27,16,25,23,28,27"
    );
    let rocks = t.read("out/rocks.csv");
    assert!(rocks.starts_with(
        "quarter,id,title,owner,company,status,due,milestones_done,milestones_total\n"
    ));
    assert!(rocks.contains("2026-Q4,open-the-frankfurt-region,Open the Frankfurt region,ian,true,off-track,2026-12-31,1,3"), "{rocks}");
    assert!(
        t.read("out/todos.csv")
            .contains("call-the-ten-largest-accounts")
    );
    assert!(!t.path().join("out/people-analyzer.csv").exists());

    t.ok(&["export", "--format", "json", "json"]);
    for (file, key) in [
        ("rocks.json", "id"),
        ("issues.json", "id"),
        ("todos.json", "id"),
        ("seats.json", "id"),
        ("meetings.json", "id"),
    ] {
        let v: serde_json::Value = serde_json::from_str(&t.read(&format!("json/{file}"))).unwrap();
        let items = v.as_array().unwrap_or_else(|| panic!("{file} is a list"));
        assert!(
            !items.is_empty() && items.iter().all(|i| i.get(key).is_some()),
            "{file}"
        );
    }
    let scorecard: serde_json::Value =
        serde_json::from_str(&t.read("json/scorecard.json")).unwrap();
    assert_eq!(scorecard["values"][0]["week"], "2026-W35");
    assert!(
        t.clean()
            || t.git(&["status", "--porcelain"])
                .lines()
                .all(|l| l.contains("out/") || l.contains("json/"))
    );
}

#[test]
fn the_quarter_report_is_one_self_contained_html_page() {
    let t = TestCompany::demo();
    // A title with markup must come out as text, not as markup.
    t.ok(&[
        "issue",
        "add",
        "<script>alert(1)</script> & co",
        "--owner",
        "amy",
    ]);
    t.ok(&[
        "issue",
        "solve",
        "script",
        "--resolution",
        "Escaped <b>properly</b>",
    ]);
    let out = t.ok(&["report", "--html", "q4.html"]);
    assert!(
        out.starts_with("2026-Q4 report written to q4.html"),
        "{out}"
    );
    let html = t.read("q4.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    for part in [
        "<title>Lapwing Cloud — 2026-Q4</title>",
        "Humbly confident",
        "Open the Frankfurt region",
        "class=\"status off-track\">off-track",
        "New qualified leads",
        "Issues solved — 2",
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co",
        "Escaped &lt;b&gt;properly&lt;/b&gt;",
        "2026-11-19",
    ] {
        assert!(html.contains(part), "{part} missing");
    }
    assert!(!html.contains("<script"), "no script, and no injected one");
    // One chart per measurable, and nothing fetched from anywhere.
    let measurables = t.read("scorecard.toml").matches("[[measurable]]").count();
    assert_eq!(html.matches("<svg").count(), measurables);
    let without_svg_namespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_svg_namespace.contains("http"), "no network");
    assert!(!html.contains("src=") && !html.contains("<link"));

    let q3 = t.ok(&["report", "--quarter", "2026-Q3", "--html", "-"]);
    assert!(q3.contains("<title>Lapwing Cloud — 2026-Q3</title>"));
    assert!(
        t.fails(&["report", "--html", "."], 1)
            .contains("is a folder")
    );
    assert!(
        t.fails(&["report", "--quarter", "2026-Q9", "--html", "x.html"], 1)
            .contains("YYYY-Qn")
    );
}

/// Renders the report in headless Chromium when it is installed (skipped,
/// with a note, when it is not): the page must load with no network and
/// show its content.
#[test]
fn the_report_renders_in_headless_chromium() {
    let Some(browser) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            std::process::Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        eprintln!("skipped: no Chromium on this machine");
        return;
    };
    let t = TestCompany::demo();
    t.ok(&["report", "--html", "q4.html"]);
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("file://{}", t.path().join("q4.html").display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("Open the Frankfurt region"), "{dom}");
    assert_eq!(
        dom.matches("<svg").count(),
        t.read("scorecard.toml").matches("[[measurable]]").count()
    );
    // A screenshot proves it lays out (a blank page is a few hundred bytes).
    let shot = t.path().join("q4.png");
    let status = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--window-size=1200,2400",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", t.path().join("q4.html").display()))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(std::fs::metadata(&shot).unwrap().len() > 20_000);
}

/// `scorecard edit --goal` rewrote every past week: W50's $83,500 (a hit
/// against 80,000) became a miss against 85,000, and the closed quarter's
/// report changed. A new goal holds from --from (default: the scorecard
/// week); earlier weeks keep theirs.
#[test]
fn a_new_goal_never_rewrites_past_weeks() {
    // Friday: the next meeting (Thursday 12-24) reviews 2026-W51.
    let t = TestCompany::new().with_today("2026-12-18");
    t.ok(&[
        "scorecard",
        "add",
        "Revenue",
        "--owner",
        "amy",
        "--goal",
        ">= 80000",
        "--unit",
        "$",
    ]);
    t.ok(&[
        "scorecard",
        "record",
        "revenue",
        "83500",
        "--week",
        "2026-W50",
    ]);
    let out = t.ok(&[
        "scorecard",
        "edit",
        "revenue",
        "--goal",
        ">= 85000",
        "--from",
        "2026-W51",
    ]);
    assert!(out.contains("goal >= 85000"), "{out}");
    let defs = t.read("scorecard.toml");
    assert!(defs.contains("goal_from = \"2026-W51\""), "{defs}");
    assert!(
        defs.contains("goals = [{ from = \"2026-W50\", goal = \">= 80000\" }]"),
        "{defs}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "scorecard", "--weeks", "2"])).unwrap();
    assert_eq!(json["rows"][0]["values"][0]["week"], "2026-W50");
    assert_eq!(
        json["rows"][0]["values"][0]["hit"], true,
        "judged against 80,000"
    );
    t.ok(&[
        "scorecard",
        "record",
        "revenue",
        "83500",
        "--week",
        "2026-W51",
    ]);
    let json: serde_json::Value =
        serde_json::from_str(&t.ok(&["--json", "scorecard", "--weeks", "2"])).unwrap();
    assert_eq!(
        json["rows"][0]["values"][1]["hit"], false,
        "judged against 85,000"
    );
    let err = t.fails(
        &[
            "scorecard",
            "edit",
            "revenue",
            "--goal",
            ">= 1",
            "--from",
            "2026-W40",
        ],
        1,
    );
    assert!(err.contains("before 2026-W51"), "{err}");
    let err = t.fails(&["scorecard", "edit", "revenue", "--from", "2026-W52"], 1);
    assert!(err.contains("--goal"), "{err}");
}

/// At 80 columns the table hid 11 weeks and was still 101 wide, and its
/// avg, hit and trend counted the hidden weeks: now weeks are dropped until
/// the table fits, and the summary columns are of the weeks shown.
#[test]
fn the_table_fits_80_columns_and_sums_only_the_weeks_shown() {
    let t = TestCompany::demo();
    let out = t
        .pulse()
        .env("COLUMNS", "80")
        .args(["scorecard"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{line:?} is wider than 80");
    }
    assert!(text.contains("older weeks hidden to fit"), "{text}");
    let leads = text
        .lines()
        .find(|l| l.contains("New qualified leads"))
        .unwrap();
    let shown = text.lines().next().unwrap().matches("26-W").count();
    let hit = leads.split_whitespace().find(|w| w.contains('/')).unwrap();
    let recorded: usize = hit.split('/').nth(1).unwrap().parse().unwrap();
    assert!(recorded <= shown, "{hit} over {shown} weeks shown:\n{text}");
}

// #23.10: amounts as people type them in a finance meeting.

#[test]
fn amounts_with_suffixes_are_stored_in_full_and_a_decimal_comma_is_refused() {
    let t = TestCompany::new();
    t.ok(&[
        "scorecard",
        "add",
        "Revenue",
        "--owner",
        "amy",
        "--goal",
        ">= $1M",
        "--unit",
        "$",
    ]);
    t.ok(&[
        "scorecard",
        "record",
        "revenue",
        "$1.2M",
        "--week",
        "2026-W46",
    ]);
    t.ok(&[
        "scorecard",
        "record",
        "revenue",
        "$12.5k",
        "--week",
        "2026-W47",
    ]);
    let csv = t.read("scorecard.csv");
    assert!(csv.contains("2026-W46,revenue,1200000,"), "{csv}");
    assert!(csv.contains("2026-W47,revenue,12500,"), "{csv}");
    assert!(t.read("scorecard.toml").contains("goal = \">= 1000000\""));
    let err = t.fails(
        &[
            "scorecard",
            "record",
            "revenue",
            "12,5",
            "--week",
            "2026-W47",
        ],
        1,
    );
    assert!(err.contains("write a decimal point (12.5)"), "{err}");
    assert!(
        t.read("scorecard.csv").contains("2026-W47,revenue,12500,"),
        "nothing written"
    );
}

/// A name is cut with `…` only when the table with full names is wider
/// than the terminal, and then just enough to fit.
#[test]
fn a_measurable_name_is_cut_only_when_the_table_would_not_fit() {
    let t = TestCompany::new();
    t.ok(&[
        "scorecard",
        "add",
        "Provisioning time to first VM",
        "--owner",
        "amy",
        "--goal",
        "<= 90",
    ]);
    t.ok(&["scorecard", "record", "provisioning", "75"]);
    let at = |columns: usize| -> String {
        let out = t
            .pulse()
            .env("COLUMNS", columns.to_string())
            .arg("scorecard")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let wide = at(200);
    let full: usize = wide
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| l.chars().count())
        .max()
        .unwrap();
    assert!(
        at(full).contains("Provisioning time to first VM"),
        "{}",
        at(full)
    );
    let narrow = at(full - 1);
    assert!(narrow.contains('…'), "{narrow}");
    assert!(narrow.lines().all(|l| l.chars().count() < full), "{narrow}");
}

/// Found by a new user: `--goal '>= 40%'` was refused by `add` and `edit`
/// (import took it), and `--goal '>= $1M'` dropped the `$`.
#[test]
fn a_goal_written_with_its_unit_sets_the_unit() {
    let t = TestCompany::new();
    t.ok(&[
        "scorecard",
        "add",
        "Margin",
        "--owner",
        "amy",
        "--goal",
        ">= 40%",
    ]);
    t.ok(&[
        "scorecard",
        "add",
        "Revenue",
        "--owner",
        "amy",
        "--goal",
        ">= $1M",
    ]);
    t.ok(&[
        "scorecard",
        "add",
        "Deploy time",
        "--owner",
        "amy",
        "--goal",
        "<= 10min",
        "--unit",
        "m",
    ]);
    let defs = t.read("scorecard.toml");
    for expected in [
        "goal = \">= 40\"\nunit = \"%\"",
        "goal = \">= 1000000\"\nunit = \"$\"",
        "goal = \"<= 10\"\nunit = \"m\"",
    ] {
        assert!(defs.contains(expected), "{expected}: {defs}");
    }
    t.ok(&["scorecard", "edit", "margin", "--goal", ">= 45%"]);
    assert!(t.read("scorecard.toml").contains("goal = \">= 45\""));
    let line = t.ok(&["scorecard", "record", "revenue", "$1.2M"]);
    assert!(
        line.contains("$1,200,000 (hit, goal >= $1,000,000)"),
        "{line}"
    );
    let err = t.fails(
        &["scorecard", "add", "Odd", "--owner", "amy", "--goal", "40%"],
        1,
    );
    assert!(err.contains("invalid goal `40%`"), "{err}");
}

/// Found in review: `--goal "<= 0.005"` was stored as `<= 0.01` (shown
/// rounding was used to write the file).
#[test]
fn a_goal_is_stored_as_typed_not_rounded() {
    let t = TestCompany::new();
    t.ok(&[
        "scorecard",
        "add",
        "Defect rate",
        "--owner",
        "amy",
        "--goal",
        "<= 0.005",
    ]);
    assert!(t.read("scorecard.toml").contains("goal = \"<= 0.005\""));
    t.ok(&["scorecard", "record", "defect", "0.004"]);
    let line = t.ok(&[
        "scorecard",
        "record",
        "defect",
        "0.006",
        "--week",
        "2026-W47",
    ]);
    assert!(line.contains("(miss, goal <= 0.005)"), "{line}");
}

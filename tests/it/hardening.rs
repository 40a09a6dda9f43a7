//! Hardening II (issue #19), the items ported from the hardening branch:
//! one regression test per hole an adversarial pass found, each named after
//! the guarantee it keeps.

use crate::common::TestCompany;

fn with_leads() -> TestCompany {
    let t = TestCompany::new();
    t.ok(&[
        "scorecard",
        "add",
        "Leads",
        "--owner",
        "amy",
        "--goal",
        ">= 20",
    ]);
    t.ok(&["scorecard", "record", "leads", "21", "--week", "2026-W46"]);
    t.ok(&["scorecard", "record", "leads", "18", "--week", "2026-W47"]);
    t
}

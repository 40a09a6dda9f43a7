use pulse::model::time::Week;
use pulse::store::files::FileRef;
use pulse::store::values;
use std::time::Instant;
fn main() {
    let path = std::path::PathBuf::from("/tmp/bigco/scorecard.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let file = FileRef::new(std::path::Path::new("/tmp/bigco"), path);
    let week: Week = "2026-W47".parse().unwrap();
    let mut best = f64::MAX;
    for _ in 0..200 {
        let t = Instant::now();
        let v = values::parse_window(&file, &text, &(week..=week)).unwrap();
        std::hint::black_box(v);
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("parse_window best {:.1} us", best * 1e6);
}

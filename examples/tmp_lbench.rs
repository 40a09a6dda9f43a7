use pulse::model::todo::TodosFile;
use pulse::store::files::FileRef;
use pulse::store::parse::{parse_list, parse_toml};
use std::time::Instant;
fn main() {
    for name in ["todos.toml", "issues.toml"] {
        let path = std::path::PathBuf::from("/tmp/bigco").join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let file = FileRef::new(std::path::Path::new("/tmp/bigco"), path);
        let (mut a, mut b) = (f64::MAX, f64::MAX);
        for _ in 0..200 {
            let t = Instant::now();
            let v: TodosFile = parse_toml(&file, &text).unwrap();
            std::hint::black_box(v);
            a = a.min(t.elapsed().as_secs_f64());
            let t = Instant::now();
            let v: TodosFile = parse_list(&file, &text).unwrap();
            std::hint::black_box(v);
            b = b.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name}: whole {:.1} us, by table {:.1} us",
            a * 1e6,
            b * 1e6
        );
    }
}

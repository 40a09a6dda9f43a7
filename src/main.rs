//! The `pulse` binary: run the command line, turn errors into messages and
//! exit codes. Everything else lives in the library.

fn main() {
    let code = pulse::cli::main(std::env::args_os().collect());
    std::process::exit(code);
}

//! The `sanctuary` command-line tool; all of it lives in the core's `cli` module.

fn main() {
    let argv: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let code = sanctuary::cli::main(argv, Box::new(std::io::stdout()), &mut std::io::stderr());
    std::process::exit(code);
}

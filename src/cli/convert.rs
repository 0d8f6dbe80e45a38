//! `convert`: write an instance in another form — JSON, workbook (`.xlsx`) or CSV folder,
//! chosen by the output path — or one OR-Library GAP problem as an instance.

use super::input::{InputArgs, InputFormat};
use civic_match::format::sheets::{csv_files, workbook_bytes, TextEncoding, WORKBOOK_EXTENSIONS};
use civic_match::format::{
    read_instance, validate, write_atomically, write_folder_atomically, write_instance, InstanceSpec,
};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Encodings of CSV output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark, which Excel opens as UTF-8.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK, what Excel and WPS on a Chinese system read and write as plain CSV.
    Gbk,
}

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The instance (JSON, workbook or CSV folder), or with --format orlib-gap a GAP file and problem.
    #[command(flatten)]
    pub input: InputArgs,
    /// What to write: `X.json`, `X.xlsx`, or a CSV folder (a path ending in `/` or an existing folder).
    #[arg(long)]
    pub out: PathBuf,
    /// The encoding of CSV output.
    #[arg(long, value_enum, default_value_t = CsvEncoding::Utf8)]
    pub encoding: CsvEncoding,
}

/// The forms `convert` writes.
enum OutputForm {
    Json,
    Workbook,
    CsvFolder,
}

fn output_form(out: &Path) -> anyhow::Result<OutputForm> {
    if out.as_os_str().to_string_lossy().ends_with(['/', std::path::MAIN_SEPARATOR]) || out.is_dir() {
        return Ok(OutputForm::CsvFolder);
    }
    let ext = out.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "xlsx" => Ok(OutputForm::Workbook),
        "csv" => anyhow::bail!(
            "{}: a CSV instance is a folder with one file per sheet; end the path with / (e.g. {}/)",
            out.display(),
            out.with_extension("").display()
        ),
        e if WORKBOOK_EXTENSIONS.contains(&e) => {
            anyhow::bail!("{}: workbooks are written as .xlsx (which Excel, WPS and LibreOffice open)", out.display())
        }
        _ => Ok(OutputForm::Json),
    }
}

/// Whether the input is a GAP file: `--format orlib-gap`, or a file that is no instance form
/// (as `convert gap12.txt --problem 3 --out X.json` has always meant).
fn is_gap(input: &InputArgs) -> bool {
    let path = &input.instance;
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    input.format == InputFormat::OrlibGap
        || (!path.is_dir() && ext != "json" && ext != "csv" && !WORKBOOK_EXTENSIONS.contains(&ext.as_str()))
}

/// Runs `convert`.
pub fn run(mut args: ConvertArgs) -> anyhow::Result<ExitCode> {
    let form = output_form(&args.out)?;
    let gap = is_gap(&args.input);
    let spec = if gap {
        args.input.format = InputFormat::OrlibGap;
        args.input.gap_spec()?
    } else {
        let (spec, input_form) = read_instance(&args.input.instance)?;
        let issues = validate(&spec);
        if !issues.is_empty() {
            return Err(input_form.invalid(&args.input.instance, issues).into());
        }
        spec
    };
    write(&spec, &args.out, form, args.encoding)?;
    if gap {
        say!(
            "wrote {}: {} agents as volunteers, {} jobs as must demands, {} arcs; the model's optimum is {} the GAP's optimum",
            args.out.display(),
            spec.volunteers.len(),
            spec.demands.len(),
            spec.arcs.len(),
            if args.input.gap_sense() == Some(civic_match::format::GapSense::Min) { "minus" } else { "equal to" }
        );
    } else {
        say!(
            "wrote {}: {} demands, {} volunteers, {} resources",
            args.out.display(),
            spec.demands.len(),
            spec.volunteers.len(),
            spec.resources.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn write(spec: &InstanceSpec, out: &Path, form: OutputForm, encoding: CsvEncoding) -> anyhow::Result<()> {
    match form {
        OutputForm::Json => write_instance(out, spec).map_err(super::cannot_write(out)),
        OutputForm::Workbook => {
            let bytes = workbook_bytes(spec).map_err(super::cannot_write(out))?;
            write_atomically(out, &bytes).map_err(super::cannot_write(out))
        }
        OutputForm::CsvFolder => {
            let encoding = match encoding {
                CsvEncoding::Utf8 => TextEncoding::Utf8Bom,
                CsvEncoding::Gbk => TextEncoding::Gbk,
            };
            let files = csv_files(spec, encoding).map_err(super::cannot_write(out))?;
            write_folder_atomically(out, &files).map_err(super::cannot_write(out))
        }
    }
}

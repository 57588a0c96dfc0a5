//! `orgplan chart`: the reporting tree or the team canvas as SVG or PNG.

use super::output::{Done, Outcome, Trouble, write_output};
use crate::io::{load_file, refuse_output_over_input};
use std::path::PathBuf;

/// `orgplan chart`'s arguments.
#[derive(clap::Args, Debug)]
pub struct ChartArgs {
    /// The org file.
    pub file: PathBuf,
    /// Where to write it: the extension (.svg or .png) picks the format.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// Which chart.
    #[arg(long, value_enum, default_value_t = crate::chart::View::Reporting)]
    pub view: crate::chart::View,
    /// PNG width in pixels, 16 to 32768 (default: 2 pixels per chart unit, at most 16384 wide and 64 Mpx in all).
    #[arg(long, value_parser = clap::value_parser!(u32).range(16..=32768))]
    pub width: Option<u32>,
}

pub fn run(a: &ChartArgs) -> Outcome {
    let (file, out) = (a.file.as_path(), a.output.as_path());
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "svg" && ext != "png" {
        return Err(Trouble::from(format!(
            "{}: the output must end in .svg or .png",
            out.display()
        )));
    }
    refuse_output_over_input(out, [file])?;
    let org = load_file(file)?;
    let chart = crate::chart::draw(&org, a.view);
    let mut stages = super::progress::Stages::new();
    stages.begin(&format!("Drawing {}", out.display()));
    let bytes = if ext == "svg" {
        crate::chart::to_svg(&chart).into_bytes()
    } else {
        let w = a
            .width
            .unwrap_or_else(|| crate::chart::default_png_width(&chart));
        readable(&chart, w, out)?;
        crate::chart::to_png_with(&chart, w, &mut |f| {
            stages.fraction(f);
            true
        })?
        .unwrap_or_default()
    };
    stages.clear();
    write_output(Some(out), &[file], &bytes)?;
    Ok(Done::Clean)
}

/// Chart text is about this many chart units high.
const TEXT_UNITS: f32 = 12.0;
/// Below this many pixels, text cannot be read.
const READABLE_PX: f32 = 5.0;

/// A PNG too small to show anything is refused (a 100,000-deep chain
/// would be 1 pixel wide); one whose text would be too small to read is
/// drawn, with a warning saying so and what to do instead.
fn readable(chart: &crate::chart::Chart, width: u32, out: &std::path::Path) -> Result<(), Trouble> {
    let (w, h, scale) = crate::chart::png_size(chart, width);
    if w < 16 || h < 16 {
        return Err(Trouble::from(format!(
            "{}: the chart is {:.0}×{:.0} units, so a PNG of it (at most {} px a side) would be {w}×{h} px, which shows nothing; write an SVG instead (-o {})",
            out.display(),
            chart.width,
            chart.height,
            crate::chart::MAX_PNG_SIDE,
            out.with_extension("svg").display()
        )));
    }
    let text = TEXT_UNITS * scale;
    if text < READABLE_PX {
        eprintln!(
            "orgplan: warning: {} will be {w}×{h} px and its text about {text:.1} px high, too small to read; an SVG (-o {}) stays sharp at any size",
            out.display(),
            out.with_extension("svg").display()
        );
    }
    Ok(())
}

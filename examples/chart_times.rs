//! The teams chart (layout, card text, SVG) at several sizes, median of 7
//! runs each: `cargo run --release --example chart_times -- 40000 100000`.
#![allow(
    clippy::unwrap_used,
    reason = "a benchmark or example: failing loudly is what it should do"
)]

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![40_000, 100_000]
    } else {
        sizes
    };
    let mut first: Option<(usize, f64)> = None;
    for n in sizes {
        let org = orgplan::support::generate::generate(n, 1);
        let mut times: Vec<f64> = (0..7)
            .map(|_| {
                let t = std::time::Instant::now();
                let svg = orgplan::chart::to_svg(&orgplan::chart::draw(
                    &org,
                    orgplan::chart::View::Teams,
                ));
                std::hint::black_box(svg.len());
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        let median = times[3];
        let ratio = first.map_or(String::new(), |(m, t)| {
            format!(
                " · {:.2}× the time of {m} for {:.2}× the people",
                median / t,
                n as f64 / m as f64
            )
        });
        println!("people {n} teams_chart_ms {median:.1}{ratio}");
        first.get_or_insert((n, median));
    }
}

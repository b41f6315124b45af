//! Charts drawn on the server as SVG: a labelled figure whose bars carry
//! their number in words beside them (nothing said by colour alone), a
//! sentence that says what it shows, and the data as a table after it.

use leptos::prelude::*;

/// One bar: its label, its length, and what is written beside it.
pub struct Bar {
    pub label: String,
    pub value: u32,
    pub text: String,
}

const WIDTH: u32 = 400;
const ROW: u32 = 36;
/// Room is left after the longest bar for its words.
const LONGEST: u32 = WIDTH - 150;

/// Horizontal bars, each label above its bar (long names stay readable on
/// a phone); `labelled_by` names the figure's caption.
#[component]
pub fn BarChart(labelled_by: String, bars: Vec<Bar>) -> impl IntoView {
    let most = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let height = ROW * bars.len() as u32 + 4;
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by>
            {bars
                .into_iter()
                .enumerate()
                .map(|(i, bar)| {
                    let top = ROW * i as u32;
                    let length = (bar.value * LONGEST / most).max(u32::from(bar.value > 0) * 2);
                    view! {
                        <text x="0" y=top + 13 class="chart-label">{bar.label}</text>
                        <rect x="0" y=top + 18 width=length height="12" class="chart-bar" />
                        <text x=length + 6 y=top + 29 class="chart-value">{bar.text}</text>
                    }
                })
                .collect_view()}
        </svg>
    }
}

/// A figure: its caption (the title), a sentence, the chart, the table.
#[component]
pub fn Figure(
    /// The caption's id (the chart is labelled by it).
    id: &'static str,
    title: String,
    summary: String,
    children: Children,
) -> impl IntoView {
    view! {
        <figure class="dash-figure" aria-labelledby=id>
            // A heading too: the page's figures are reached by headings.
            <figcaption>
                <h2 id=id>{title}</h2>
            </figcaption>
            <p class="dash-summary">{summary}</p>
            {children()}
        </figure>
    }
}

/// A figure's data as a table: a header per column, each line headed by
/// its name.
#[component]
pub fn DataTable(columns: Vec<String>, rows: Vec<(String, Vec<String>)>) -> impl IntoView {
    view! {
        <table class="dash-table">
            <thead>
                <tr>{columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(name, cells)| {
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

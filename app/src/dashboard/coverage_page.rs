use super::charts::{Bar, BarChart, DataTable, Figure};
use super::frame::section_page;
use super::{dashboard_coverage, COVERAGE_PATH};
use crate::domain::dashboard::{Coverage, CoverageMark, DashboardFilters, Section};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ideas::idea_path;
use crate::ui::pager::Pager;
use leptos::prelude::*;

/// `/tableau-de-bord/couverture`: the domains most often missing around
/// the tables, and the heatmap ideas × domains, a page at a time.
#[component]
pub fn DashboardCoveragePage() -> impl IntoView {
    section_page(
        Section::Coverage,
        dashboard_coverage,
        |coverage: Coverage, filters| view! { <Gaps coverage=coverage.clone() /> <Heatmap coverage filters /> },
    )
}

#[component]
fn Gaps(coverage: Coverage) -> impl IntoView {
    let locale = use_locale();
    let summary = match coverage.gaps.first().filter(|g| g.missing > 0) {
        Some(g) => format!(
            "{} {} ({} / {} {}).",
            t(locale, Key::DashSummaryGaps),
            g.domain.name,
            g.missing,
            g.of,
            t(locale, Key::DashOfIdeas)
        ),
        None => t(locale, Key::DashNothingYet).to_owned(),
    };
    let bars = coverage
        .gaps
        .iter()
        .map(|g| Bar {
            label: g.domain.name.clone(),
            value: g.missing,
            text: format!("{} / {}", g.missing, g.of),
        })
        .collect();
    view! {
        <Figure id="gaps-title" title=t(locale, Key::DashGapsTitle).to_owned() summary>
            <BarChart labelled_by="gaps-title".to_owned() bars />
            <DataTable
                columns=[Key::DomainWord, Key::DashMissing, Key::DashOfIdeas].map(|k| t(locale, k).to_owned()).to_vec()
                rows=coverage
                    .gaps
                    .into_iter()
                    .map(|g| (g.domain.name, vec![g.missing.to_string(), g.of.to_string()]))
                    .collect()
            />
        </Figure>
    }
}

/// The heatmap is its own table: each cell a symbol and its words for
/// screen readers, never a colour alone.
#[component]
fn Heatmap(coverage: Coverage, filters: DashboardFilters) -> impl IntoView {
    let locale = use_locale();
    let pages = Pager {
        path: COVERAGE_PATH,
        page: coverage.page,
        page_count: coverage.page_count,
        filters: filters.pairs(),
    };
    view! {
        // Not a landmark of its own: the scrolling table is, by this title.
        <section class="dash-figure">
            <h2 id="heatmap-title">{t(locale, Key::DashHeatmapTitle)}</h2>
            <Legend locale />
            {if coverage.rows.is_empty() {
                view! { <p>{t(locale, Key::DashNothingYet)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="heatmap-title">
                        <table class="dash-table heatmap">
                            <thead>
                                <tr>
                                    <th scope="col">{t(locale, Key::DashIdeaColumn)}</th>
                                    {coverage.columns.iter().map(|d| view! { <th scope="col">{d.name.clone()}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {coverage
                                    .rows
                                    .into_iter()
                                    .map(|row| {
                                        view! {
                                            <tr>
                                                <th scope="row"><a href=idea_path(row.idea_id)>{row.title}</a></th>
                                                {row.marks.into_iter().map(|m| cell(locale, m)).collect_view()}
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
            {pages.view(locale)}
        </section>
    }
}

fn cell(locale: Locale, mark: CoverageMark) -> impl IntoView {
    view! {
        <td class=format!("mark mark-{}", mark.as_str())>
            <span aria-hidden="true">{mark.symbol()}</span>
            <span class="visually-hidden">{t(locale, mark.label())}</span>
        </td>
    }
}

#[component]
fn Legend(locale: Locale) -> impl IntoView {
    view! {
        <h3 class="dash-legend-title">{t(locale, Key::DashLegend)}</h3>
        <dl class="dash-legend">
            {CoverageMark::ALL
                .into_iter()
                .map(|m| view! { <dt class=format!("mark mark-{}", m.as_str())>{m.symbol()}</dt><dd>{t(locale, m.label())}</dd> })
                .collect_view()}
        </dl>
    }
}

//! `/ateliers/<id>/tableau`: the projector board, full screen without the
//! site's frame. The phase and its timer in large type; while joining is
//! open, the code, the address and the QR code in a corner; during silent
//! writing, who has written and how many posts per domain (never a text);
//! from the reveal on, the contributions as cards in columns by domain,
//! sized so that all of them fit on one screen, dots drawn as bars.

use super::shared::{Bar, PhaseBar, Tally};
use super::{console_path, workshop_board};
use crate::domain::live::Viewer;
use crate::domain::rounds::ContributionKind;
use crate::domain::workshop_views::{
    BoardDensity, BoardView, DomainGroup, JoinInfo, LiveContribution, WorkshopHeader,
};
use crate::domain::workshops::Phase;
use crate::i18n::{t, use_locale, Key};
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn BoardPage() -> impl IntoView {
    if let Some(refused) = refusal(Need::SignedIn, Key::BoardTitle) {
        return refused;
    }
    let id = crate::ui::guard::path_id("id");
    let board = Resource::new(move || id, workshop_board);
    view! {
        <Title text=page_title(Key::BoardTitle) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(board) => view! { <Board board /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Board(board: BoardView) -> impl IntoView {
    let h = board.header.clone();
    let print_only = board.print_only.clone();
    let cards: usize = board.groups.iter().map(|g| g.items.len()).sum::<usize>() - print_only.len();
    let class = format!(
        "board {} {}",
        BoardDensity::for_cards(cards).class(),
        if h.revealed {
            "board-revealed"
        } else {
            "board-before"
        }
    );
    let stage = if let Some(item) = board.focus {
        let answers = board.focus_answers;
        let heading = if h.phase == Phase::WaysAround {
            Key::BoardFocusWaysHeading
        } else {
            Key::BoardFocusHeading
        };
        view! { <Focus item answers heading /> }.into_any()
    } else if h.revealed {
        view! { <Columns groups=board.groups print_only /> }.into_any()
    } else if h.phase == Phase::Pitch {
        view! { <Pitch header=h.clone() /> }.into_any()
    } else {
        view! { <Tally tally=board.tally.unwrap_or_default() /> }.into_any()
    };
    view! {
        <div class=class>
            <Head header=h page=board.page pages=board.pages />
            {board.join.map(|join| view! { <JoinCorner join /> })}
            <div class="board-stage">{stage}</div>
        </div>
    }
}

/// The title, the phase and timer, the counts, a way back to the console.
#[component]
fn Head(header: WorkshopHeader, page: u32, pages: u32) -> impl IntoView {
    let locale = use_locale();
    let counts = format!(
        "{} {} · {} {}",
        header.participants,
        t(locale, Key::ParticipantsWord),
        header.contributions,
        t(locale, Key::ContributionsArrived)
    );
    let console = console_path(header.workshop_id);
    let back = t(locale, Key::BoardBackToConsole);
    // Once ended, the record the room leaves with, beside the way back.
    let exit = if header.phase == Phase::Ended {
        view! {
            <span class="board-exit">
                <a href=super::record_path(header.workshop_id)>{t(locale, Key::RecordLink)}</a>
                " · "
                <a href=console>{back}</a>
            </span>
        }
        .into_any()
    } else {
        view! { <a class="board-exit" href=console>{back}</a> }.into_any()
    };
    view! {
        <header class="board-head">
            <h1>{header.title.clone()}</h1>
            <p class="round-focus">{header.focus.clone()}</p>
            <PhaseBar header=header.clone() viewer=Viewer::Facilitator />
            <p class="board-counts">{counts}</p>
            {(pages > 1).then(|| view! {
                <p class="board-page">{format!("{} {} / {pages}", t(locale, Key::BoardPageWord), page + 1)}</p>
            })}
            {exit}
        </header>
    }
}

/// How to join, readable from the back of the room.
#[component]
fn JoinCorner(join: JoinInfo) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="board-join" aria-labelledby="join-title">
            <h2 id="join-title">{t(locale, Key::BoardJoinHeading)}</h2>
            <p class="join-code">
                {t(locale, Key::JoinCodeLabel)} " " <strong>{join.code.clone()}</strong>
            </p>
            <p class="join-url">{join.url.clone()}</p>
            <figure class="qr">
                <div inner_html=join.qr_svg></div>
                <figcaption class="visually-hidden">
                    {format!("{} {}", t(locale, Key::QrCaption), join.url)}
                </figcaption>
            </figure>
        </section>
    }
}

/// The idea, as it is pitched.
#[component]
fn Pitch(header: WorkshopHeader) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="board-pitch">
            <p><strong>{t(locale, Key::IdeaFieldProblem)}</strong> " " {header.problem}</p>
            <p><strong>{t(locale, Key::IdeaSectionProposal)}</strong> " " {header.proposal}</p>
        </section>
    }
}

/// The revealed contributions, a column per domain; cards in
/// `print_only` (and a domain with only such cards) are for paper.
#[component]
fn Columns(groups: Vec<DomainGroup>, print_only: Vec<i64>) -> impl IntoView {
    let locale = use_locale();
    if groups.is_empty() {
        return view! { <p class="board-note">{t(locale, Key::BoardNothingYet)}</p> }.into_any();
    }
    let most = groups
        .iter()
        .flat_map(|g| &g.items)
        .map(|c| c.dots)
        .max()
        .unwrap_or(0);
    view! {
        <div class="board-columns">
            {groups
                .into_iter()
                .map(|group| {
                    let name = group
                        .domain
                        .as_ref()
                        .map_or_else(|| t(locale, Key::NoDomain).to_owned(), |d| d.name.clone());
                    let paper = group.items.iter().all(|c| print_only.contains(&c.id));
                    let class = if paper { "board-column print-only" } else { "board-column" };
                    view! {
                        <section class=class>
                            <h2>{format!("{name} ({})", group.total)}</h2>
                            <ul class="live-list">
                                {group
                                    .items
                                    .into_iter()
                                    .map(|item| {
                                        let paper = print_only.contains(&item.id);
                                        view! { <Card item most paper /> }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// One contribution on the wall: its text, then what it is, who wrote it
/// and its dots (as a number, and as a bar when any were placed).
#[component]
fn Card(item: LiveContribution, most: u32, paper: bool) -> impl IntoView {
    let locale = use_locale();
    let mut marks: Vec<String> = vec![t(locale, item.kind.label()).to_owned()];
    if let Some(severity) = item.severity {
        marks.push(t(locale, severity.label()).to_owned());
    }
    if let Some(triage) = item.triage {
        marks.push(t(locale, triage.label()).to_owned());
    }
    marks.push(super::author_name_of(
        locale,
        &item.author,
        item.author_guest,
    ));
    if let Some(same) = same_idea(locale, &item) {
        marks.push(same);
    }
    let body = match &item.hidden_reason {
        Some(reason) => format!("{} {reason}", t(locale, Key::HiddenBecause)),
        None => item.body.clone(),
    };
    let dotted = item.kind == ContributionKind::Mine && item.dots > 0;
    let class = format!(
        "live-item card{}{}",
        if item.kind == ContributionKind::Mine {
            " card-mine"
        } else {
            ""
        },
        if paper { " print-only" } else { "" }
    );
    view! {
        <li class=class>
            <p class="live-body">{body}</p>
            // The dots first: the rest of the line may be cut on a crowded wall.
            <p class="card-meta">
                {dotted.then(|| view! {
                    <strong class="dots">{format!("{} {} · ", item.dots, t(locale, Key::DotsWord))}</strong>
                })}
                {marks.join(" · ")}
            </p>
            {dotted.then(|| view! { <Bar value=item.dots most /> })}
        </li>
    }
}

/// How many ways around the board lists under the mine in focus.
const FOCUS_ANSWERS_SHOWN: usize = 8;

/// « Même idée (2) : Lou, Anne »: who else wrote a grouped card.
fn same_idea(locale: crate::i18n::Locale, item: &LiveContribution) -> Option<String> {
    (!item.duplicates.is_empty()).then(|| {
        let names: Vec<String> = item
            .duplicates
            .iter()
            .map(|d| super::author_name_of(locale, &d.author, d.author_guest))
            .collect();
        format!(
            "{} ({}) : {}",
            t(locale, Key::SameIdeaHeading),
            item.duplicates.len(),
            names.join(", ")
        )
    })
}

/// The mine the room is on, alone and large: its whole text, what it is,
/// who raised it (and who wrote the same), its dots and, once decided, its
/// triage; while ways around are sought, those proposed so far.
#[component]
fn Focus(item: LiveContribution, answers: Vec<LiveContribution>, heading: Key) -> impl IntoView {
    let locale = use_locale();
    let mut marks: Vec<String> = Vec::new();
    if item.dots > 0 {
        marks.push(format!("{} {}", item.dots, t(locale, Key::DotsWord)));
    }
    marks.push(t(locale, item.kind.label()).to_owned());
    if let Some(severity) = item.severity {
        marks.push(t(locale, severity.label()).to_owned());
    }
    if let Some(domain) = &item.domain {
        marks.push(domain.name.clone());
    }
    marks.push(super::author_name_of(
        locale,
        &item.author,
        item.author_guest,
    ));
    if let Some(triage) = item.triage {
        marks.push(t(locale, triage.label()).to_owned());
    }
    if let Some(same) = same_idea(locale, &item) {
        marks.push(same);
    }
    // The latest ones fit on the wall; the count says how many in all.
    let total = answers.len();
    let more = total.saturating_sub(FOCUS_ANSWERS_SHOWN);
    let ways = (total > 0).then(|| {
        view! {
            <h3>{format!("{} ({total})", t(locale, Key::WaysAroundProposed))}</h3>
            {(more > 0).then(|| view! { <p class="board-note">{format!("+ {more} {}", t(locale, Key::BoardOthersWord))}</p> })}
            <ul class="focus-answers">
                {answers
                    .into_iter()
                    .skip(more)
                    .map(|a| {
                        let who = super::author_name_of(locale, &a.author, a.author_guest);
                        view! { <li><span class="live-body">{a.body}</span> " — " {who}</li> }
                    })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <section class="board-focus" aria-labelledby="focus-title">
            <h2 id="focus-title">{format!("{} · #{}", t(locale, heading), item.id)}</h2>
            <p class="focus-body">{item.body}</p>
            <p class="focus-meta">{marks.join(" · ")}</p>
            {ways}
        </section>
    }
}

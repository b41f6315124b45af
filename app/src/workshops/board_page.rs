//! `/ateliers/<id>/tableau`: the projector board. Large type; while
//! joining is open, the code, the address and the QR code; from the
//! reveal on, contributions by domain with their dots.

use super::shared::{Groups, PhaseBar};
use super::workshop_board;
use crate::domain::live::Viewer;
use crate::domain::workshop_views::BoardView;
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
    let locale = use_locale();
    let h = board.header.clone();
    let join = board.join.map(|join| {
        view! {
            <section class="board-join" aria-labelledby="join-title">
                <h2 id="join-title">{t(locale, Key::BoardJoinHeading)}</h2>
                <p class="join-code">
                    {t(locale, Key::JoinCodeLabel)} " " <strong>{join.code.clone()}</strong>
                </p>
                <p class="join-url">{join.url.clone()}</p>
                <figure class="qr">
                    <div inner_html=join.qr_svg></div>
                    <figcaption>{format!("{} {}", t(locale, Key::QrCaption), join.url)}</figcaption>
                </figure>
            </section>
        }
    });
    let revealed = h.revealed;
    view! {
        <div class="board">
            <h1>{h.title.clone()}</h1>
            <p class="round-focus">{h.focus.clone()}</p>
            <PhaseBar header=h.clone() viewer=Viewer::Facilitator />
            <p class="board-counts">
                {format!("{} {} · {} {}", h.participants, t(locale, Key::ParticipantsWord), h.contributions, t(locale, Key::ContributionsArrived))}
            </p>
            {join}
            {(!revealed && h.phase != crate::domain::workshops::Phase::Pitch).then(|| view! {
                <p class="callout">{t(locale, Key::SilentWritingNote)}</p>
            })}
            {(h.phase == crate::domain::workshops::Phase::Pitch).then(|| view! {
                <section class="board-pitch">
                    <p><strong>{t(locale, Key::IdeaFieldProblem)}</strong> " " {h.problem.clone()}</p>
                    <p><strong>{t(locale, Key::IdeaFieldProposal)}</strong> " " {h.proposal.clone()}</p>
                </section>
            })}
            <Groups groups=board.groups heading_level=2 />
        </div>
    }
}

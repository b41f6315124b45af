//! `/ateliers/<id>/console`: the facilitator's console. Phases and timer,
//! joining, dots, role cards, the people in the room, hiding a
//! contribution. Actions need the device holding the console; another
//! device may take it over.

use super::fields;
use super::same_idea::{Duplicates, GroupingPlace, SameIdeaChooser, SameIdeaLink};
use super::shared::{excerpt, LiveItem, PhaseBar, Tally};
use super::{
    board_path, phone_path, workshop_console, DealCards, EndWorkshop, HideLive, NextPhase,
    RemoveParticipant, SetDots, SetJoining, ShowOnBoard, TakeConsole, WorkshopTimer,
};
use crate::domain::board_stage;
use crate::domain::live::Viewer;
use crate::domain::rounds::ContributionKind;
use crate::domain::workshop_views::{ConsoleView, LiveContribution};
use crate::domain::workshops::Phase;
use crate::error::{AppError, FormErrors};
use crate::i18n::{t, use_locale, Key};
use crate::ui::forms::{refused_submission, ConfirmBox, ErrorSummary, FormMessage, TextField};
use crate::ui::guard::{page_title, refusal, Need};
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

#[component]
pub fn ConsolePage() -> impl IntoView {
    if let Some(refused) = refusal(Need::SignedIn, Key::ConsoleTitle) {
        return refused;
    }
    let id = crate::ui::guard::path_id("id");
    let console = Resource::new(move || id, workshop_console);
    view! {
        <Title text=page_title(Key::ConsoleTitle) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match console.await {
                    Ok(console) => view! { <Console console /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
    .into_any()
}

/// A button posting `fields` to the server function `S`.
fn action_button<S: ServerFn>(
    workshop_id: i64,
    fields: Vec<(&'static str, String)>,
    label: String,
    class: &'static str,
) -> impl IntoView {
    view! {
        <form method="post" action=S::PATH class="inline-form">
            <input type="hidden" name="workshop_id" value=workshop_id />
            {fields
                .into_iter()
                .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                .collect_view()}
            <button type="submit" class=class>{label}</button>
        </form>
    }
}

/// « Vue téléphone »: the phone view once the facilitator has a seat; the
/// join page (with the code) before, so that the link never ends on a
/// refusal.
fn phone_link(console: &ConsoleView) -> Option<String> {
    match (&console.code, console.seated) {
        (_, true) => Some(phone_path(console.header.workshop_id)),
        (Some(code), false) => Some(format!("{}/{code}", super::JOIN_PATH)),
        // Ended without a seat: there is no phone to see.
        (None, false) => None,
    }
}

/// The first refusal among the console's forms, if one brought us back.
fn console_refusal() -> Option<AppError> {
    refused_submission::<NextPhase>()
        .or_else(refused_submission::<SetDots>)
        .or_else(refused_submission::<DealCards>)
        .or_else(refused_submission::<HideLive>)
        .or_else(refused_submission::<WorkshopTimer>)
        .or_else(refused_submission::<SetJoining>)
        .or_else(refused_submission::<RemoveParticipant>)
        .or_else(refused_submission::<EndWorkshop>)
        .or_else(refused_submission::<TakeConsole>)
        .or_else(refused_submission::<ShowOnBoard>)
}

#[component]
fn Console(console: ConsoleView) -> impl IntoView {
    let locale = use_locale();
    let h = console.header.clone();
    let id = h.workshop_id;
    let refused = console_refusal();
    let errors: Option<FormErrors> = refused.as_ref().and_then(|e| e.form_errors()).cloned();
    let ended = h.phase == Phase::Ended;
    let links = view! {
        <p class="console-links">
            <a href=board_path(id)>{t(locale, Key::OpenBoard)}</a>
            {phone_link(&console).map(|href| view! { " · " <a href=href>{t(locale, Key::OpenPhone)}</a> })}
            " · "
            <a href=crate::ideas::idea_path(h.idea_id)>{t(locale, Key::BackToIdea)}</a>
            {ended.then(|| view! { " · " <a href=super::record_path(id)>{t(locale, Key::RecordLink)}</a> })}
        </p>
    };
    if !console.holds_console && !ended {
        return view! {
            <h1>{format!("{} — {}", t(locale, Key::ConsoleTitle), h.title)}</h1>
            <p class="callout">{t(locale, Key::ConsoleElsewhere)}</p>
            {action_button::<TakeConsole>(id, vec![], t(locale, Key::TakeConsole).to_owned(), "primary")}
            {links}
        }
        .into_any();
    }
    // The common actions and what the room is doing share the first
    // screen of a laptop; the people and the moderation list come below.
    view! {
        <div class="console">
            <h1>{format!("{} — {}", t(locale, Key::ConsoleTitle), h.title)}</h1>
            <p class="round-focus">{h.focus.clone()}</p>
            {links}
            <PhaseBar header=h.clone() viewer=Viewer::Facilitator />
            <ErrorSummary error=refused.clone() />
            <FormMessage errors=errors.clone() field=fields::WORKSHOP />
            <FormMessage errors=errors.clone() field=fields::CONSOLE />
            <div class="console-top">
                {(!ended).then(|| view! { <Controls console=console.clone() errors=errors.clone() /> })}
                <div class="console-side">
                    <BoardStage console=console.clone() errors=errors.clone() />
                    {console.tally.clone().filter(|_| h.phase >= Phase::Writing).map(|tally| view! {
                        <section class="console-tally" aria-labelledby="tally-title">
                            <h2 id="tally-title">{format!("{} {}", h.contributions, t(locale, Key::ContributionsArrived))}</h2>
                            <Tally tally nested=true />
                        </section>
                    })}
                </div>
            </div>
            <People console=console.clone() />
            <Contributions console=console.clone() errors=errors.clone() />
        </div>
    }
    .into_any()
}

/// Phases, timer, joining, dots and cards.
#[component]
fn Controls(console: ConsoleView, errors: Option<FormErrors>) -> impl IntoView {
    let locale = use_locale();
    let h = console.header.clone();
    let id = h.workshop_id;
    let next = h.steps.after(h.phase);
    // The last step is the end: the confirmed « Terminer l’atelier » below.
    let next_form = next.filter(|n| *n != Phase::Ended).map(|next| {
        let default = next.default_minutes().map(|m| m.to_string()).unwrap_or_default();
        view! {
            <form method="post" action={<NextPhase as ServerFn>::PATH} class="stack-form">
                <input type="hidden" name="workshop_id" value=id />
                <input type="hidden" name="from" value=h.phase.as_str() />
                <TextField name="minutes" label=Key::PhaseMinutesLabel hint=Key::PhaseMinutesHint value=default.clone() errors=errors.clone() kind="number" />
                <button type="submit" class="primary big">
                    {format!("{} {}", t(locale, Key::GoToPhase), t(locale, next.label()))}
                </button>
            </form>
        }
    });
    let timer = h.timer.seconds_left.map(|_| {
        let pause = if h.timer.paused { ("resume", Key::TimerResume) } else { ("pause", Key::TimerPause) };
        view! {
            <div class="button-row" role="group" aria-label=t(locale, Key::TimerGroup)>
                {action_button::<WorkshopTimer>(id, vec![("action", pause.0.to_owned())], t(locale, pause.1).to_owned(), "")}
                {action_button::<WorkshopTimer>(id, vec![("action", "plus1".to_owned())], t(locale, Key::TimerPlusOne).to_owned(), "")}
                {action_button::<WorkshopTimer>(id, vec![("action", "plus5".to_owned())], t(locale, Key::TimerPlusFive).to_owned(), "")}
            </div>
        }
    });
    let joining = console.code.as_ref().map(|code| {
        let (state, open, action) = if console.joining_open {
            (Key::JoiningOpen, "false", Key::LockJoining)
        } else {
            (Key::JoiningLocked, "true", Key::OpenJoining)
        };
        view! {
            <div class="console-joining">
                <p>{format!("{} {code} — {}", t(locale, Key::JoinCodeLabel), t(locale, state))}</p>
                {action_button::<SetJoining>(id, vec![("open", open.to_owned())], t(locale, action).to_owned(), "")}
            </div>
        }
    });
    let before_vote = h.phase < Phase::Vote;
    let before_reveal = !h.phase.revealed();
    view! {
        <section aria-labelledby="phases-title">
            <h2 id="phases-title">{t(locale, Key::PhasesHeading)}</h2>
            {next_form}
            {timer}
            {joining}
            {before_vote.then(|| view! {
                <form method="post" action={<SetDots as ServerFn>::PATH} class="inline-form">
                    <input type="hidden" name="workshop_id" value=id />
                    <TextField name=fields::DOTS label=Key::DotsLabel value=console.dots.to_string() errors=errors.clone() kind="number" />
                    <button type="submit">{t(locale, Key::Save)}</button>
                </form>
            })}
            {before_reveal.then(|| view! {
                <div>
                    <p class="hint">{t(locale, Key::CardsHint)}</p>
                    <FormMessage errors=errors.clone() field=fields::CARDS />
                    {action_button::<DealCards>(id, vec![], t(locale, if console.cards_dealt { Key::DealAgain } else { Key::DealCards }).to_owned(), "")}
                </div>
            })}
            <form method="post" action={<EndWorkshop as ServerFn>::PATH} class="stack-form">
                <input type="hidden" name="workshop_id" value=id />
                <ConfirmBox id="confirm-end".to_owned() consequence=Key::ConfirmEndWorkshop />
                <button type="submit" class="danger">{t(locale, Key::EndWorkshop)}</button>
            </form>
        </section>
    }
}

/// What the board shows, from the reveal on: during the triage, the mine
/// in focus (any mine, or the next one in the room's order); the page of
/// cards when they outnumber one screen.
#[component]
fn BoardStage(console: ConsoleView, errors: Option<FormErrors>) -> impl IntoView {
    let locale = use_locale();
    let h = &console.header;
    let id = h.workshop_id;
    let (page, pages) = (console.board_page + 1, console.board_pages);
    // Ways around, then the triage, take the top mines one at a time.
    let triage = matches!(h.phase, Phase::Triage | Phase::WaysAround);
    let focus = console.board_focus.filter(|_| triage);
    let refused = errors
        .as_ref()
        .and_then(|e| e.message_for(fields::BOARD))
        .is_some();
    let shown = h.revealed && h.phase != Phase::Ended && (pages > 1 || triage || refused);
    shown.then(|| view! {
        <section id=super::BOARD_STAGE_ANCHOR aria-labelledby="stage-title">
            <h2 id="stage-title">{t(locale, Key::BoardStageHeading)}</h2>
            <FormMessage errors=errors.clone() field=fields::BOARD />
            {triage.then(|| view! { <FocusChoice console=console.clone() focus /> })}
            {(pages > 1 && focus.is_none()).then(|| view! {
                <p>{format!("{} {page} / {pages}", t(locale, Key::BoardPageWord))}</p>
                <div class="button-row">
                    {(page > 1).then(|| action_button::<ShowOnBoard>(id, vec![(fields::PAGE, (page - 1).to_string())], t(locale, Key::BoardPreviousPage).to_owned(), ""))}
                    {(page < pages).then(|| action_button::<ShowOnBoard>(id, vec![(fields::PAGE, (page + 1).to_string())], t(locale, Key::BoardNextPage).to_owned(), ""))}
                </div>
            })}
        </section>
    })
}

/// During the triage: which mine the board shows alone, chosen from a list
/// in the room's order (most dotted first), the next one in one press.
#[component]
fn FocusChoice(console: ConsoleView, focus: Option<i64>) -> impl IntoView {
    let locale = use_locale();
    let id = console.header.workshop_id;
    let order = board_stage::triage_order(&console.groups);
    let next = board_stage::next_in_focus(&console.groups, focus);
    let now = match focus {
        Some(cid) => view! {
            <p>
                {format!("{} : ", t(locale, if console.header.phase == Phase::WaysAround { Key::BoardFocusWaysHeading } else { Key::BoardFocusHeading }))}
                <a href=format!("#{}", super::console_item_anchor(cid))>{format!("#{cid}")}</a>
            </p>
        }
        .into_any(),
        None => view! { <p>{t(locale, Key::BoardShowsAll)}</p> }.into_any(),
    };
    let options = order
        .iter()
        .map(|c| {
            let label = format!(
                "#{} · {} {} · {}",
                c.id,
                c.dots,
                t(locale, Key::DotsWord),
                excerpt(&c.body)
            );
            view! { <option id=format!("focus-choice-{}", c.id) value=c.id selected=focus == Some(c.id)>{label}</option> }
        })
        .collect_view();
    view! {
        {now}
        <div class="button-row">
            {next.map(|cid| action_button::<ShowOnBoard>(id, vec![(fields::FOCUS, cid.to_string())], format!("{} (#{cid})", t(locale, Key::NextMineOnBoard)), "primary"))}
            {focus.is_some().then(|| action_button::<ShowOnBoard>(id, vec![(fields::FOCUS, board_stage::NO_FOCUS.to_owned())], t(locale, Key::ShowAllOnBoard).to_owned(), ""))}
        </div>
        {(!order.is_empty()).then(|| view! {
            <form method="post" action={<ShowOnBoard as ServerFn>::PATH} class="inline-form">
                <input type="hidden" name="workshop_id" value=id />
                <label for="board-focus">{t(locale, Key::BoardFocusChoice)}</label>
                <select id="board-focus" name=fields::FOCUS>{options}</select>
                <button type="submit">{t(locale, Key::ShowOnBoard)}</button>
            </form>
        })}
    }
}

/// « Masquer… » on contribution `cid`: leads to the console with its hide
/// form on top (one form on the page, not one per contribution: the
/// console stays light with sixty of them).
pub(super) fn hide_link(workshop_id: i64, cid: i64, words: &str) -> impl IntoView {
    let locale = use_locale();
    let to = format!(
        "{}?{}={cid}#{}",
        super::console_path(workshop_id),
        super::HIDE_PARAM,
        super::HIDE_ANCHOR
    );
    let label = format!("{}…", t(locale, Key::HideButton));
    let name = format!("{label} « {words} »");
    view! { <a href=to aria-label=name>{label}</a> }
}

/// The hide form of the contribution the console's `?masquer=<n>` names,
/// when it is there and visible.
#[component]
fn HideChosen(workshop_id: i64, items: Vec<LiveContribution>) -> impl IntoView {
    let locale = use_locale();
    let chosen = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get(super::HIDE_PARAM)
        .and_then(|raw| raw.parse::<i64>().ok())
        .and_then(|cid| items.into_iter().find(|c| c.id == cid))
        .filter(|c| c.hidden_reason.is_none());
    chosen.map(|c| {
        let cid = c.id;
        let back = format!(
            "{}#{}",
            super::console_path(workshop_id),
            super::console_item_anchor(cid)
        );
        view! {
            <section id=super::HIDE_ANCHOR class="same-idea-chooser" aria-labelledby="hide-title">
                <h3 id="hide-title">{format!("{} « {} »", t(locale, Key::HideButton), excerpt(&c.body))}</h3>
                {hide_form(workshop_id, cid)}
                <p><a href=back>{t(locale, Key::Cancel)}</a></p>
            </section>
        }
    })
}

/// Hides contribution `cid` with a reason shown to everyone (confirmed).
fn hide_form(workshop_id: i64, cid: i64) -> impl IntoView {
    let locale = use_locale();
    view! {
        <form method="post" action={<HideLive as ServerFn>::PATH} class="inline-form">
            <input type="hidden" name="workshop_id" value=workshop_id />
            <input type="hidden" name="contribution_id" value=cid />
            <label for=format!("hide-{cid}")>{t(locale, Key::HideReasonLabel)}</label>
            <input id=format!("hide-{cid}") name="reason" required=true maxlength="2000" />
            <ConfirmBox id=format!("confirm-hide-{cid}") consequence=Key::ConfirmHide subject=format!("#{cid}") />
            <button type="submit">{t(locale, Key::HideButton)}</button>
        </form>
    }
}

/// The people in the room, with their cards; each may be removed.
#[component]
fn People(console: ConsoleView) -> impl IntoView {
    let locale = use_locale();
    let id = console.header.workshop_id;
    let active = console.header.phase != Phase::Ended;
    view! {
        <section aria-labelledby="people-title">
            <h2 id="people-title">{format!("{} ({})", t(locale, Key::ParticipantsHeading), console.header.participants)}</h2>
            <table class="people">
                <thead>
                    <tr>
                        <th scope="col">{t(locale, Key::MembersName)}</th>
                        <th scope="col">{t(locale, Key::CardColumn)}</th>
                        <th scope="col">{t(locale, Key::ActionsColumn)}</th>
                    </tr>
                </thead>
                <tbody>
                    {console
                        .participants
                        .into_iter()
                        .map(|p| {
                            let name = if p.guest { format!("{} ({})", p.name, t(locale, Key::GuestMark)) } else { p.name.clone() };
                            let action = if p.removed {
                                t(locale, Key::Removed).to_owned().into_any()
                            } else if active {
                                view! {
                                    <form method="post" action={<RemoveParticipant as ServerFn>::PATH} class="inline-form">
                                        <input type="hidden" name="workshop_id" value=id />
                                        <input type="hidden" name="participant_id" value=p.id />
                                        <button type="submit" aria-label=format!("{} {}", t(locale, Key::RemoveParticipant), p.name)>{t(locale, Key::RemoveParticipant)}</button>
                                    </form>
                                }
                                .into_any()
                            } else {
                                ().into_any()
                            };
                            view! {
                                <tr>
                                    <td>{name}</td>
                                    <td>{p.card.map(|d| d.name).unwrap_or_default()}</td>
                                    <td>{action}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// After the reveal: every contribution, with a hide form; mines left to
/// triage are counted (the author triages from each mine's page).
#[component]
fn Contributions(console: ConsoleView, errors: Option<FormErrors>) -> impl IntoView {
    let locale = use_locale();
    let id = console.header.workshop_id;
    let idea_id = console.header.idea_id;
    let revealed = console.header.revealed;
    let triage = matches!(console.header.phase, Phase::Triage | Phase::WaysAround);
    let focus = console.board_focus;
    let place = GroupingPlace {
        workshop_id: id,
        view: super::console_path(id),
        from: super::FROM_CONSOLE,
        open: console.header.phase == Phase::Grouping,
    };
    let mines: Vec<LiveContribution> = console
        .groups
        .iter()
        .flat_map(|g| &g.items)
        .filter(|c| c.kind == ContributionKind::Mine)
        .cloned()
        .collect();
    // Cards and their duplicates: any of them may be hidden.
    let everything: Vec<LiveContribution> = console
        .groups
        .iter()
        .flat_map(|g| &g.items)
        .flat_map(|c| {
            let duplicates = c.duplicates.iter().map(|d| LiveContribution {
                id: d.id,
                body: d.body.clone(),
                hidden_reason: None,
                duplicates: Vec::new(),
                ..c.clone()
            });
            std::iter::once(c.clone()).chain(duplicates)
        })
        .collect();
    revealed.then(|| view! {
        <section id=super::CONSOLE_LIST_ANCHOR aria-labelledby="contributions-title">
            <h2 id="contributions-title">{t(locale, Key::ContributionsHeading)}</h2>
            <p>{format!("{} {}", console.untriaged, t(locale, Key::MinesToTriage))}</p>
            {place.open.then(|| view! { <p class="hint">{t(locale, Key::GroupingHint)}</p> })}
            <SameIdeaChooser cards=mines.clone() place=place.clone() />
            <FormMessage errors=errors.clone() field="reason" />
            <HideChosen workshop_id=id items=everything />
            {console.groups.into_iter().map(|group| {
                let name = group.domain.as_ref().map_or_else(|| t(locale, Key::NoDomain).to_owned(), |d| d.name.clone());
                // Named, so that a live update keeps each group's list.
                let key = group.domain.as_ref().map_or_else(|| "none".to_owned(), |d| d.id.to_string());
                view! {
                    <h3 id=format!("console-group-{key}-title")>{format!("{name} ({})", group.items.len())}</h3>
                    <ul class="live-list" id=format!("console-group-{key}") aria-labelledby=format!("console-group-{key}-title")>
                        {group.items.into_iter().map(|item| {
                            let cid = item.id;
                            let hidden = item.hidden_reason.is_some();
                            let focusable = triage && !hidden && item.kind == ContributionKind::Mine;
                            let focused = focus == Some(cid);
                            let words = excerpt(&item.body);
                            view! {
                                <li class="live-item" id=super::console_item_anchor(cid)>
                                    <LiveItem item=item.clone() />
                                    <Duplicates item place=place.clone() />
                                    <SameIdeaLink id=cid cards=mines.clone() place=place.clone() />
                                    <p>
                                        <a href=crate::rounds::contribution_path(idea_id, cid)>{t(locale, Key::OpenContribution)}</a>
                                        {(!hidden).then(|| view! { " · " {hide_link(id, cid, &words)} })}
                                    </p>
                                    {(focusable && focused).then(|| view! { <p><strong>{t(locale, Key::OnBoardNow)}</strong></p> })}
                                    {(focusable && !focused).then(|| action_button::<ShowOnBoard>(
                                        id,
                                        vec![(fields::FOCUS, cid.to_string())],
                                        format!("{} (#{cid})", t(locale, Key::ShowOnBoard)),
                                        "",
                                    ))}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
            }).collect_view()}
        </section>
    })
}

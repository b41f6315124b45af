//! `/ateliers/<id>/compte-rendu`: the workshop's record, what everyone
//! leaves the room with (guests included, after the end too): the idea and
//! the question, the day, how many took part; once the round is revealed,
//! the mines by domain, most dotted first, with their triage and the
//! workarounds answering them, then the other workarounds, the questions
//! and the rest. Plain HTML in the site's frame: none of the workshop's
//! live islands, so it loads the general wasm (the language form's).

use super::workshop_record;
use crate::domain::round_views::TriageView;
use crate::domain::rounds::ContributionKind;
use crate::domain::workshop_views::{
    RecordContent, RecordDomain, RecordEntry, RecordKind, RecordMine, WorkshopRecord,
};
use crate::i18n::{t, use_locale, Key, Locale};
use crate::ui::guard::page_title;
use crate::ui::status::load_failed;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RecordPage() -> impl IntoView {
    let id = crate::ui::guard::path_id("id");
    let record = Resource::new(move || id, workshop_record);
    view! {
        <Title text=page_title(Key::RecordTitle) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match record.await {
                    Ok(record) => view! { <Record record /> }.into_any(),
                    Err(error) => load_failed(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Record(record: WorkshopRecord) -> impl IntoView {
    let locale = use_locale();
    let heading = format!("{} — {}", t(locale, Key::RecordTitle), record.title);
    let question = format!(
        "{} {} : {}",
        t(locale, Key::RoundWord),
        record.round_number,
        record.focus
    );
    let facts = format!(
        "{} {} · {} {} · {} {}",
        t(locale, Key::RecordHeldOn),
        record.date,
        record.participants,
        t(locale, Key::ParticipantsWord),
        record.contributions,
        t(locale, Key::ContributionsArrived)
    );
    let (idea_id, ended, member) = (record.idea_id, record.ended, record.member);
    let problem = record.problem;
    let content = match record.content {
        Some(content) => contents(locale, content),
        // Nothing was revealed: the counts above are all there is to say.
        None => view! { <p class="callout">{t(locale, Key::RecordNotRevealed)}</p> }.into_any(),
    };
    view! {
        <h1>{heading}</h1>
        <p class="round-focus">{question}</p>
        <p><strong>{t(locale, Key::IdeaFieldProblem)}</strong> " " {problem}</p>
        <p>{facts}</p>
        {(!ended).then(|| view! { <p class="hint">{t(locale, Key::RecordInProgress)}</p> })}
        {content}
        {member.then(|| view! {
            <p><a href=crate::ideas::idea_path(idea_id)>{t(locale, Key::BackToIdea)}</a></p>
        })}
    }
}

/// The revealed round: the mines by domain, the workarounds aimed at no
/// mine, then the other kinds.
fn contents(locale: Locale, content: RecordContent) -> AnyView {
    let RecordContent {
        mines,
        workarounds,
        others,
    } = content;
    let mine_count: usize = mines.iter().map(|g| g.mines.len()).sum();
    let loose_count = workarounds.len();
    let loose = (loose_count > 0).then(|| {
        view! {
            <section aria-labelledby="record-workarounds">
                <h2 id="record-workarounds">
                    {format!("{} ({loose_count})", t(locale, Key::RecordLooseWorkarounds))}
                </h2>
                <ul class="contributions">
                    {workarounds.into_iter().map(|entry| item(locale, entry)).collect_view()}
                </ul>
            </section>
        }
    });
    view! {
        <section aria-labelledby="record-mines">
            <h2 id="record-mines">{format!("{} ({mine_count})", t(locale, Key::MinesHeading))}</h2>
            {(mine_count == 0).then(|| view! { <p>{t(locale, Key::RecordNoMines)}</p> })}
            {mines.into_iter().map(|group| domain_section(locale, group)).collect_view()}
        </section>
        {loose}
        {others.into_iter().map(|group| kind_section(locale, group)).collect_view()}
    }
    .into_any()
}

/// The mines of one domain, most dotted first.
fn domain_section(locale: Locale, group: RecordDomain) -> AnyView {
    let name = group
        .domain
        .as_ref()
        .map_or_else(|| t(locale, Key::NoDomain).to_owned(), |d| d.name.clone());
    let count = group.mines.len();
    view! {
        <h3>{format!("{name} ({count})")}</h3>
        <ul class="contributions">
            {group.mines.into_iter().map(|mine| mine_item(locale, mine)).collect_view()}
        </ul>
    }
    .into_any()
}

/// The questions, or the contributions of another kind.
fn kind_section(locale: Locale, group: RecordKind) -> AnyView {
    let id = format!("record-{}", group.kind.as_str());
    let labelled_by = id.clone();
    let heading = format!(
        "{} ({})",
        t(locale, kind_heading(group.kind)),
        group.items.len()
    );
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=id>{heading}</h2>
            <ul class="contributions">
                {group.items.into_iter().map(|entry| item(locale, entry)).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// A section's heading for a kind of contribution.
fn kind_heading(kind: ContributionKind) -> Key {
    match kind {
        ContributionKind::Mine => Key::MinesHeading,
        ContributionKind::Workaround => Key::FicheWorkarounds,
        ContributionKind::Question => Key::RecordQuestions,
        ContributionKind::Resource => Key::FicheResources,
        ContributionKind::HelpOffer => Key::FicheHelpOffers,
        ContributionKind::AllClear => Key::KindAllClear,
    }
}

/// A mine, with the duplicates grouped under it (each text and writer)
/// and the workarounds proposed for it listed under it.
fn mine_item(locale: Locale, record: RecordMine) -> AnyView {
    let RecordMine {
        mine,
        duplicates,
        workarounds,
    } = record;
    let same = (!duplicates.is_empty()).then(|| {
        view! {
            <p class="same-idea-heading">{format!("{} ({})", t(locale, Key::SameIdeaHeading), duplicates.len())}</p>
            <ul class="duplicates">
                {duplicates
                    .into_iter()
                    .map(|d| {
                        let who = super::author_name_of(locale, &d.author, d.author_guest);
                        view! { <li><span class="idea-text">{d.body}</span> " — " {who}</li> }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let answers = (!workarounds.is_empty()).then(|| {
        view! {
            <p class="link-note">{t(locale, Key::ProposedWorkarounds)}</p>
            <ul class="contributions">
                {workarounds.into_iter().map(|entry| item(locale, entry)).collect_view()}
            </ul>
        }
    });
    view! {
        <li class="contribution mine" id=format!("mine-{}", mine.id)>
            {lines(locale, &mine)}
            {same}
            {answers}
        </li>
    }
    .into_any()
}

/// Any contribution but a mine heading its workarounds.
fn item(locale: Locale, entry: RecordEntry) -> AnyView {
    view! { <li class="contribution">{lines(locale, &entry)}</li> }.into_any()
}

/// What a contribution is, a mine's dots, who wrote it, its text (none
/// when hidden) and a mine's triage.
fn lines(locale: Locale, entry: &RecordEntry) -> AnyView {
    let is_mine = entry.kind == ContributionKind::Mine;
    let mut what = vec![t(locale, entry.kind.label()).to_owned()];
    // A mine's domain is its section's heading.
    if let Some(domain) = entry.domain.as_ref().filter(|_| !is_mine) {
        what.push(domain.name.clone());
    }
    if let Some(severity) = entry.severity {
        what.push(t(locale, severity.label()).to_owned());
    }
    let mut byline = String::new();
    if is_mine {
        byline.push_str(&format!(" — {} {}", entry.dots, t(locale, Key::DotsWord)));
    }
    byline.push_str(&format!(
        " — {} {}",
        t(locale, Key::By),
        super::author_name_of(locale, &entry.author, entry.author_guest)
    ));
    let body = if entry.hidden {
        view! { <p class="hidden-note">{t(locale, Key::RecordHidden)}</p> }.into_any()
    } else {
        view! { <p class="idea-text">{entry.body.clone()}</p> }.into_any()
    };
    let triage = match &entry.triage {
        Some(triage) => Some(triage_line(locale, triage)),
        None if is_mine && !entry.hidden => Some(t(locale, Key::RecordUntriaged).to_owned()),
        None => None,
    };
    view! {
        <p class="contribution-head">
            <strong>{what.join(" · ")}</strong>
            {byline}
        </p>
        {body}
        {triage.map(|line| view! {
            <p class="triage">
                <strong>{format!("{} : ", t(locale, Key::TriageLabel))}</strong>
                {line}
            </p>
        })}
    }
    .into_any()
}

/// A triage in words: its kind, the workaround that defused the mine, why
/// or what is to be done, who and by when.
fn triage_line(locale: Locale, triage: &TriageView) -> String {
    let mut line = t(locale, triage.kind.label()).to_owned();
    if let Some(text) = &triage.workaround_text {
        line.push_str(&format!(" — {} « {text} »", t(locale, Key::ByWorkaround)));
    }
    if !triage.note.is_empty() {
        line.push_str(&format!(" — {}", triage.note));
    }
    if !triage.owner.is_empty() {
        line.push_str(&format!(" ({}, {})", triage.owner, triage.due));
    }
    line
}

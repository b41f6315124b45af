//! The idea form's fields, shared by step one, step two and editing, and
//! (on the server) their parsing.

use crate::domain::ideas::{IdeaContent, IdeaText, IdeaTitle};
use crate::error::FormErrors;
use crate::i18n::Key;
use crate::ui::forms::{TextArea, TextField};
use leptos::prelude::*;

/// The colleague invited to co-author (idea page).
pub const COAUTHOR: &str = "user_id";

/// Which fields a form shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Step one: the title and the problem seen.
    Start,
    /// Everything.
    Whole,
}

/// The fields of the idea form, filled from `content` or from a refusal.
#[component]
pub fn IdeaFields(part: Part, content: IdeaContent, errors: Option<FormErrors>) -> impl IntoView {
    let rest = (part == Part::Whole).then(|| {
        let errors = errors.clone();
        view! {
            <TextArea name="proposal" label=Key::IdeaFieldProposal hint=Key::IdeaProposalHint value=content.proposal errors=errors.clone() max_len=IdeaText::MAX_CHARS rows=6 />
            <TextArea name="beneficiaries" label=Key::IdeaFieldBeneficiaries hint=Key::IdeaBeneficiariesHint value=content.beneficiaries errors=errors.clone() max_len=IdeaText::MAX_CHARS rows=3 />
            <TextArea name="help_sought" label=Key::IdeaFieldHelpSought hint=Key::IdeaHelpSoughtHint value=content.help_sought errors=errors.clone() max_len=IdeaText::MAX_CHARS rows=3 />
            <TextField name="tags" label=Key::IdeaFieldTags hint=Key::IdeaTagsHint value=content.tags.join(", ") errors=errors />
        }
    });
    view! {
        <TextField name="title" label=Key::IdeaFieldTitle hint=Key::IdeaTitleHint value=content.title errors=errors.clone() required=true max_len=IdeaTitle::MAX_CHARS />
        <TextArea name="problem" label=Key::IdeaFieldProblem hint=Key::IdeaProblemHint value=content.problem errors=errors required=true max_len=IdeaText::MAX_CHARS rows=5 />
        {rest}
    }
}

/// The submission key a form carries; a missing or malformed one is
/// refused (the page gives a fresh one when it is shown again).
#[cfg(feature = "ssr")]
pub fn request_key(
    raw: &str,
    errors: &mut FormErrors,
) -> Option<crate::backend::idempotency::IdempotencyKey> {
    let key = crate::backend::idempotency::IdempotencyKey::parse(raw);
    if key.is_none() {
        errors.add("request_id", Key::ErrInvalid);
    }
    key
}

/// A checked form and its submission key, or one refusal that names every
/// field at fault (the key's too) and echoes what was typed.
#[cfg(feature = "ssr")]
pub fn keyed<T>(
    checked: Result<T, FormErrors>,
    request_id: &str,
    input: &[(&str, &str)],
) -> Result<(T, crate::backend::idempotency::IdempotencyKey), crate::error::AppError> {
    let key = crate::backend::idempotency::IdempotencyKey::parse(request_id);
    match (checked, key) {
        (Ok(value), Some(key)) => Ok((value, key)),
        (checked, key) => {
            let mut errors = checked
                .err()
                .unwrap_or_else(|| FormErrors::with_input(input.iter().copied()));
            if key.is_none() {
                errors.add("request_id", Key::ErrInvalid);
            }
            Err(crate::error::AppError::Invalid(errors))
        }
    }
}

/// The edit form parsed: the edit (when every field is valid), the key, and
/// the refusal so far, which echoes what was typed.
#[cfg(feature = "ssr")]
pub fn parse_edit(
    form: &super::IdeaEditForm,
) -> (
    Option<crate::backend::ideas::posting::Edit>,
    Option<crate::backend::idempotency::IdempotencyKey>,
    FormErrors,
) {
    use crate::domain::ideas::Tags;
    let mut errors = FormErrors::with_input([
        ("title", form.title.as_str()),
        ("problem", form.problem.as_str()),
        ("proposal", form.proposal.as_str()),
        ("beneficiaries", form.beneficiaries.as_str()),
        ("help_sought", form.help_sought.as_str()),
        ("tags", form.tags.as_str()),
    ]);
    let title = IdeaTitle::parse(&form.title).map_err(|k| errors.add("title", k));
    let problem = IdeaText::parse_required(&form.problem).map_err(|k| errors.add("problem", k));
    let proposal = IdeaText::parse_optional(&form.proposal).map_err(|k| errors.add("proposal", k));
    let beneficiaries =
        IdeaText::parse_optional(&form.beneficiaries).map_err(|k| errors.add("beneficiaries", k));
    let help_sought =
        IdeaText::parse_optional(&form.help_sought).map_err(|k| errors.add("help_sought", k));
    let tags = Tags::parse(&form.tags).map_err(|k| errors.add("tags", k));
    let key = request_key(&form.request_id, &mut errors);
    let edit = match (title, problem, proposal, beneficiaries, help_sought, tags) {
        (Ok(title), Ok(problem), Ok(proposal), Ok(beneficiaries), Ok(help_sought), Ok(tags)) => {
            Some(crate::backend::ideas::posting::Edit {
                title,
                problem,
                proposal,
                beneficiaries,
                help_sought,
                tags,
            })
        }
        _ => None,
    };
    (edit, key, errors)
}

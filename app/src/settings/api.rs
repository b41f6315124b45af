use crate::error::AppError;
use leptos::prelude::*;

/// Keeps the chosen interface language in a cookie, and, for a member
/// signed in, as the language of their e-mails. Open to everyone: it
/// touches nothing but the caller's own browser and account.
#[server(endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    use crate::error::FormErrors;
    use crate::i18n::{Key, Locale};
    use crate::web::http::{ctx, fail, set_locale_cookie, state};

    let Some(locale) = Locale::from_code(&lang) else {
        let mut errors = FormErrors::with_input([("lang", lang.as_str())]);
        errors.add("lang", Key::ErrUnknownLanguage);
        return Err(fail(AppError::Invalid(errors)));
    };
    let state = state();
    crate::backend::accounts::profile::set_language(&ctx(&state), locale)
        .await
        .map_err(fail)?;
    set_locale_cookie(locale);
    Ok(())
}

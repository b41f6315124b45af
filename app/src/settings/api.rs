use crate::error::AppError;
use leptos::prelude::*;

/// Keeps the chosen interface language in a cookie. Open to everyone: it
/// touches nothing but the caller's own browser.
#[server(endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    use crate::error::FormErrors;
    use crate::i18n::{Key, Locale};
    use crate::web::http::{fail, set_locale_cookie};

    let Some(locale) = Locale::from_code(&lang) else {
        let mut errors = FormErrors::with_input([("lang", lang.as_str())]);
        errors.add("lang", Key::ErrUnknownLanguage);
        return Err(fail(AppError::Invalid(errors)));
    };
    set_locale_cookie(locale);
    Ok(())
}

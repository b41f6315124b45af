//! Who is asking: the session cookie resolved once per request, before
//! pages render and server functions run (they read it synchronously).

use app::accounts::Viewer;
use app::backend::accounts::sessions;
use app::backend::ctx::Ctx;
use app::backend::state::AppState;
use app::error::AppError;
use app::web::http::session_token_of;
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub async fn resolve_session(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path().starts_with("/pkg/") {
        return next.run(request).await;
    }
    // While setup is pending, an administrator may have been made meanwhile
    // (`demineurs create-admin` from the shell, another instance): asked
    // again, so that the header leads to « Se connecter », not to setup.
    // One count per request, and only until an administrator exists.
    if state.setup_token.reveal().is_some() {
        match app::backend::accounts::setup::needs_setup(&state.db).await {
            Ok(true) => {}
            Ok(false) => state.setup_token.consume(),
            Err(error) => return unavailable(error.into()),
        }
    }
    let (mut parts, body) = request.into_parts();
    let viewer = match session_token_of(&parts, state.secure_cookies) {
        Some(token) => {
            let ctx = Ctx::new(&state.db, state.clock.as_ref());
            match sessions::current_user(&ctx, &token).await {
                Ok(user) => Viewer(user),
                Err(error) => return unavailable(error.into()),
            }
        }
        None => Viewer(None),
    };
    // Pages show the unread count in the navigation; server functions
    // do not need it.
    if let (Some(me), false) = (&viewer.0, parts.uri.path().starts_with("/api/")) {
        match app::backend::notifications::unread_count(&state.db, me.id).await {
            Ok(n) => {
                parts.extensions.insert(app::rounds::UnreadNotifications(n));
            }
            Err(error) => return unavailable(error.into()),
        }
    }
    parts.extensions.insert(viewer);
    next.run(Request::from_parts(parts, body)).await
}

/// The session could not be checked (the cause is logged where it was
/// mapped): never serve the request as if the person were signed out.
fn unavailable(error: AppError) -> Response {
    (
        error.status(),
        "Service momentanément indisponible. Réessayez dans quelques instants.",
    )
        .into_response()
}

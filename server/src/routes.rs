//! The router: pages, server functions, files, health, and the layers
//! every response goes through.

use crate::{
    auth, body_limit, csrf, dashboard_export, fiche, headers, health, live, refusals, unavailable,
    unsubscribe, whole_compression,
};
use app::backend::state::AppState;
use app::web::http::provide_request_context;
use app::{shell, App};
use axum::{
    handler::HandlerWithoutStateExt,
    http::header,
    middleware,
    routing::{get, post},
    Router,
};
use leptos_axum::{generate_route_list, render_app_to_stream_with_context, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer, services::ServeDir, set_header::SetResponseHeaderLayer,
    trace::TraceLayer,
};

/// The paths of the app's pages, as the router lists them.
pub fn page_paths() -> Vec<String> {
    generate_route_list(App)
        .iter()
        .map(|route| route.path().to_owned())
        .collect()
}

pub fn router(state: AppState) -> Router {
    let options = state.leptos_options.clone();
    let context = {
        let state = state.clone();
        move || {
            provide_request_context(&state);
            headers::set_page_headers();
        }
    };
    let app_shell = {
        let options = options.clone();
        move || shell(options.clone())
    };

    // Unknown paths: a file of the site root if there is one, else the app,
    // whose router answers with the 404 page.
    let render = render_app_to_stream_with_context(context.clone(), app_shell.clone());
    let not_found = (move |request: axum::extract::Request| render(request)).into_service();
    let site_root = std::path::PathBuf::from(options.site_root.as_ref());
    let files = ServeDir::new(&site_root).fallback(not_found);

    let pkg = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            headers::immutable_when_found,
        ))
        .service(
            ServeDir::new(site_root.join(options.site_pkg_dir.as_ref()))
                .precompressed_br()
                .precompressed_gzip(),
        );

    let mut router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/idees/{id}/fiche.md", get(fiche::markdown))
        .route(app::dashboard::CSV_PATH, get(dashboard_export::csv))
        .route(app::dashboard::JSON_PATH, get(dashboard_export::json))
        .route(
            app::settings::UNSUBSCRIBE_PATH,
            post(unsubscribe::one_click),
        )
        .route(live::EVENTS_PATH, get(live::events))
        .leptos_routes_with_context(&state, generate_route_list(App), context, app_shell)
        .nest_service("/pkg", pkg)
        .fallback_service(files)
        // Inside the session's layer: it counts refusals kept per member.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            refusals::keep_out_of_addresses,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::resolve_session,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            unavailable::guard,
        ))
        .layer(middleware::from_fn(csrf::refuse_cross_site))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            body_limit::refuse_large_bodies,
        ));
    for layer in headers::common(state.secure_cookies) {
        router = router.layer(layer);
    }
    router
        // A panicking handler answers 500 instead of dropping the connection.
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn(whole_compression::layer))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
                // The route's pattern, not the path: a path may carry a secret
                // (`/reinitialisation/<token>`), a query what a person typed.
                let path = request
                    .extensions()
                    .get::<axum::extract::MatchedPath>()
                    .map_or_else(|| request.uri().path(), |matched| matched.as_str());
                tracing::info_span!("request", method = %request.method(), path = %path)
            }),
        )
        .with_state(state)
}

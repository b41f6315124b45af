//! The HTML shell and the router: every page of the app is listed here.

use crate::accounts::{ForgotPage, JoinPage, LoginPage, ResetPage, SetupPage, SignUpPage};
use crate::dashboard::{
    DashboardCoveragePage, DashboardDelaysPage, DashboardMinesPage, DashboardOverviewPage,
};
use crate::directory::{DirectoryPage, PersonPageView};
use crate::home::HomePage;
use crate::i18n::use_locale;
use crate::ideas::{ComparePage, EditIdeaPage, IdeaPage, IdeasPage, NewIdeaPage};
use crate::members::{MemberPage, MembersPage};
use crate::organisation::OrganisationPage;
use crate::profile::ProfilePage;
use crate::rounds::{
    ContributePage, ContributionPageView, FichePage, NotificationsPage, OpenRoundPage,
};
use crate::settings::{MailSettingsPage, UnsubscribePage};
use crate::ui::{hydration::IslandScripts, layout::Layout, not_found::NotFound};
use crate::workshops::{BoardPage, ConsolePage, JoinWorkshopPage, PhonePage, RecordPage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The project's mark (see `ui::mark`) as an inline icon: no extra request
/// for a favicon.
const FAVICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'%3E%3Cpath d='M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1' stroke='%231f4e8c' stroke-width='2' stroke-linecap='round'/%3E%3Ccircle cx='12' cy='12' r='6.5' fill='%231f4e8c'/%3E%3Cpath d='M9 12.3l2 2 4-4.3' fill='none' stroke='%23fff' stroke-width='2.2' stroke-linecap='round'/%3E%3Ccircle cx='19.5' cy='4.5' r='2.2' fill='%23c2410c'/%3E%3C/svg%3E";

/// The document around every page, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = use_locale();
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href=FAVICON />
                <HashedStylesheet options=options.clone() id="leptos" />
                <IslandScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The router and the pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("installation") view=SetupPage />
                    <Route path=path!("connexion") view=LoginPage />
                    // Pages that load data render whole before sending
                    // (`Async`): without JavaScript, out-of-order streamed
                    // content would never show, and a late status is lost.
                    <Route path=path!("inscription/:token") view=SignUpPage ssr=SsrMode::Async />
                    <Route path=path!("inscription") view=JoinPage />
                    <Route path=path!("reinitialisation/:token") view=ResetPage ssr=SsrMode::Async />
                    <Route path=path!("mot-de-passe-oublie") view=ForgotPage />
                    <Route path=path!("reglages/courriels") view=MailSettingsPage ssr=SsrMode::Async />
                    <Route path=path!("desabonnement") view=UnsubscribePage ssr=SsrMode::Async />
                    <Route path=path!("profil") view=ProfilePage ssr=SsrMode::Async />
                    <Route path=path!("tableau-de-bord") view=DashboardOverviewPage ssr=SsrMode::Async />
                    <Route path=path!("tableau-de-bord/couverture") view=DashboardCoveragePage ssr=SsrMode::Async />
                    <Route path=path!("tableau-de-bord/mines") view=DashboardMinesPage ssr=SsrMode::Async />
                    <Route path=path!("tableau-de-bord/delais") view=DashboardDelaysPage ssr=SsrMode::Async />
                    <Route path=path!("annuaire") view=DirectoryPage ssr=SsrMode::Async />
                    <Route path=path!("annuaire/:id") view=PersonPageView ssr=SsrMode::Async />
                    <Route path=path!("mines") view=crate::library::LibraryPage ssr=SsrMode::Async />
                    <Route path=path!("recherche") view=crate::search::SearchPage ssr=SsrMode::Async />
                    <Route path=path!("idees") view=IdeasPage ssr=SsrMode::Async />
                    <Route path=path!("idees/nouvelle") view=NewIdeaPage ssr=SsrMode::Async />
                    <Route path=path!("idees/:id") view=IdeaPage ssr=SsrMode::Async />
                    <Route path=path!("idees/:id/modifier") view=EditIdeaPage ssr=SsrMode::Async />
                    <Route path=path!("idees/:id/versions") view=ComparePage ssr=SsrMode::Async />
                    <Route path=path!("idees/:id/tours/nouveau") view=OpenRoundPage ssr=SsrMode::Async />
                    <Route path=path!("idees/:id/tours/:tour/fin") view=crate::rounds::EndRoundPage ssr=SsrMode::Async />
                    <Route path=path!("idees/:id/issue") view=crate::rounds::OutcomePage ssr=SsrMode::Async />
                    <Route path=path!("idees/:id/coauteurs") view=crate::ideas::CoauthorsPage ssr=SsrMode::Async />
                    <Route path=path!("idees/:id/contribuer") view=ContributePage ssr=SsrMode::Async />
                    <Route path=path!("idees/:id/contributions/:cid") view=ContributionPageView ssr=SsrMode::Async />
                    <Route path=path!("idees/:id/fiche") view=FichePage ssr=SsrMode::Async />
                    <Route path=path!("notifications") view=NotificationsPage ssr=SsrMode::Async />
                    <Route path=path!("rejoindre") view=JoinWorkshopPage ssr=SsrMode::Async />
                    <Route path=path!("rejoindre/:code") view=JoinWorkshopPage ssr=SsrMode::Async />
                    <Route path=path!("ateliers/:id") view=PhonePage ssr=SsrMode::Async />
                    <Route path=path!("ateliers/:id/tableau") view=BoardPage ssr=SsrMode::Async />
                    <Route path=path!("ateliers/:id/console") view=ConsolePage ssr=SsrMode::Async />
                    <Route path=path!("ateliers/:id/compte-rendu") view=RecordPage ssr=SsrMode::Async />
                    <Route path=path!("admin/membres") view=MembersPage ssr=SsrMode::Async />
                    <Route path=path!("admin/membres/:id") view=MemberPage ssr=SsrMode::Async />
                    <Route path=path!("admin/organisation") view=OrganisationPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}

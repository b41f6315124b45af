//! What the board shows beyond the phase, chosen at the console: one mine
//! in focus during the triage, and the page of cards when they outnumber
//! one screen. Nothing is shown on the board before the reveal.

use super::error::WorkshopError;
use super::running::{at_the_console, set};
use crate::backend::ctx::Ctx;
use crate::backend::entities::{contribution, workshop};
use crate::backend::store::Op;
use crate::domain::board_stage::BoardShow;
use crate::domain::live::EventKind;
use crate::domain::rounds::ContributionKind;
use sea_orm::sea_query::Expr;
use sea_orm::EntityTrait;

/// Puts `what` on the board. A focus must be a mine of the workshop's
/// round that is not hidden; a page past the end shows the last one.
pub async fn show(ctx: &Ctx<'_>, workshop_id: i64, what: BoardShow) -> Result<(), WorkshopError> {
    let now = ctx.now();
    at_the_console(
        ctx,
        workshop_id,
        (EventKind::Focus, None),
        move |txn, scope| {
            Box::pin(async move {
                if !scope.revealed(now) {
                    return Err(WorkshopError::NotForTheBoard);
                }
                let value = match what {
                    BoardShow::Focus(Some(id)) => {
                        let mine = contribution::Entity::find_by_id(id)
                            .one(txn)
                            .await
                            .op("show on board: find contribution")?
                            .filter(|c| {
                                c.round_id == scope.round.id
                                    && c.kind == ContributionKind::Mine
                                    && c.hidden_reason.is_none()
                            });
                        let Some(mine) = mine else {
                            return Err(WorkshopError::NotForTheBoard);
                        };
                        // A duplicate is shown as its group: its card.
                        let card = mine.grouped_under.unwrap_or(id);
                        (workshop::Column::BoardFocus, Expr::value(Some(card)))
                    }
                    BoardShow::Focus(None) => {
                        (workshop::Column::BoardFocus, Expr::value(None::<i64>))
                    }
                    BoardShow::Page(page) => (
                        workshop::Column::BoardPage,
                        Expr::value(i32::try_from(page).unwrap_or(i32::MAX)),
                    ),
                };
                set(txn, workshop_id, [value]).await?;
                Ok(())
            })
        },
    )
    .await
}

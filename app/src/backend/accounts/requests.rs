//! Requests to join: someone whose address belongs to one of an
//! organisation's e-mail domains creates a pending account, which an
//! administrator approves. Nothing checks the address when the request is
//! made, so it proves nothing: the approval is what lets the person in, and
//! an e-mail then tells them (`members::apply`).

use super::error::AccountError;
use super::invitations::SignUp;
use super::{passwords, people};
use crate::backend::ctx::Ctx;
use crate::backend::db::begin_write;
use crate::backend::organisations;
use crate::backend::store::Op;
use crate::backend::throttle::{self, Window};
use crate::domain::accounts::{MemberStatus, Role};

/// Requests to join one caller may send in an hour.
const REQUESTS: Window = Window {
    max: 10,
    secs: 3600,
};

/// Records the request as a pending member account. An address outside
/// every organisation's domains is `EmailDomainClosed` (which
/// domains an organisation accepts is no secret); an address already held,
/// by an account or a request, gets the same answer as a new request and
/// changes nothing. Returns the pending account made, if one was (for the
/// caller to remember its language; never to be told to the visitor).
pub async fn submit(ctx: &Ctx<'_>, ip: &str, input: SignUp) -> Result<Option<i64>, AccountError> {
    let Some(organisation_id) = organisations::accepting(ctx.db, input.email.domain()).await?
    else {
        return Err(AccountError::EmailDomainClosed);
    };
    // Each request costs a password hash: a caller gets a few an hour.
    let txn = begin_write(ctx.db)
        .await
        .op("submit: begin write (limit)")?;
    throttle::take_place(
        &txn,
        format!("join-request:{ip}"),
        ctx.now().timestamp(),
        REQUESTS,
    )
    .await?;
    txn.commit().await.op("submit: commit (limit)")?;
    // Hashed whatever follows, so that the answer's timing says nothing.
    let password_hash = passwords::hash(&input.password).await?;
    let txn = ctx.write().await?;
    if people::address_taken(&txn, &input.email).await? {
        // The same answer as for a new request: whether an account exists
        // is not for an anonymous visitor to learn, and an existing
        // request or account is left as it was.
        return Ok(None);
    }
    let person = people::insert(
        &txn,
        ctx.now(),
        people::NewPerson {
            organisation_id,
            display_name: &input.display_name,
            email: &input.email,
            password_hash,
            role: Role::Member,
            status: MemberStatus::Pending,
        },
    )
    .await?;
    txn.commit().await.op("submit: commit")?;
    Ok(Some(person))
}

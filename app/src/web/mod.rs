//! Between the browser and the services: the request's context (who asks,
//! the database, the clock, the live hub, built into a service's `Ctx`),
//! cookies, and a plain form's refusal kept for its page. Services
//! (`crate::backend`) know nothing of requests, fields or messages.
pub mod http;
pub mod refusals;

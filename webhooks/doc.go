// Package webhooks tells a tenant's own systems what happened to its
// orders, as Telnyx, Bandwidth, Twilio and Sinch push porting events,
// so an intake service need not poll (SPEC section 6).
//
// A tenant subscribes an endpoint to event types (order.checked,
// order.failed, order.verdict_changed). Subscriptions, with the secret
// each is signed with, and the record of every delivery live in the
// service's storage.Store:
//
//	webhooks/<tenant>/subscriptions/<id>.json
//	webhooks/<tenant>/deliveries/<id>/<event id>.json
//
// Each event is POSTed as JSON with the header
// Portcheck-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">,
// Stripe's scheme: a receiver checks it with Verify and refuses old
// timestamps, so a captured delivery cannot be replayed later. An
// event's id is the same on every attempt and on a re-emission of the
// same outcome: a receiver deduplicates by id.
//
// Where deliveries go: the tool is run by operators, and a subscription
// may name any http or https URL, inside the operator's network too
// (a receiver on the same host is the usual test). Deliveries reach
// whatever the network the worker runs in allows, unless the Sender is
// PublicOnly (worker and serve --webhooks-public-only): then a receiver
// whose name resolves to a loopback, private, link-local, CGNAT or
// other non-public address is refused at the dial, after resolution,
// so a name re-pointed inward is refused too. What this package
// refuses is any scheme but http and https, and any redirect at all: a
// 3xx answer is a failed attempt naming where it pointed, so a receiver
// cannot bounce a signed delivery to another scheme or host.
//
// This package sends one attempt and records it; retries, backoff and
// the bound on attempts are the asynq task's (package workers).
package webhooks

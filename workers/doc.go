// Package workers moves the pipeline's work through asynq on Redis. It
// owns the task types, their queues, retries and time bounds; the work
// itself is pipeline.Check, the same function the command line calls.
//
// Task types:
//   - order:check (queue "checks"): read an order and its documents,
//     check it, store the report. Named by tenant, order and the order's
//     version, so a retried check request is one task.
//   - batch:revalidate (queue "batch"): enqueue a check of every pending
//     order, at low priority so fresh uploads never wait behind it, as
//     pages of orders (batch:check). A batch answers an order from its
//     memo where it can: as the same report a day on when no date rule
//     could say otherwise (the memo stands), else as the report made
//     again from the memo's date inputs (a bill aging: the date rules
//     alone run, pipeline.RedateFindings); only an order whose inputs
//     changed is checked from its documents' cached fields.
//   - webhook:event (queue "webhooks"): record a pending delivery of an
//     event to each of the tenant's subscriptions that takes it, and
//     queue each. Named by the event's id, which is the same for the same
//     outcome, so an outcome told twice is delivered once.
//   - webhook:deliver (queue "webhooks"): one signed attempt; a failed
//     one is retried with webhookDelay (30s doubling, at most an hour)
//     up to DefaultWebhookAttempts, each bounded by a timeout.
//   - retention:sweep (queue "batch"): remove what outlived its tenant's
//     retention period (Retention).
//
// Errors: a document that is not in the store, or an order that is gone,
// is permanent (asynq.SkipRetry, no retry); a bad document is a finding
// in the report, not an error at all; anything else (storage, Redis) is
// transient and retried with asynq's backoff.
//
// Handlers are wrapped like net/http handlers: recovery (a panic is a
// failed task, not a dead worker), logging with the task and order ids
// (never a PIN), and metrics.
package workers

package workers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/hibiken/asynq"

	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/webhooks"
)

// Webhook task types and their queue. An event is fanned out to the
// tenant's subscriptions by one task, and each subscription's delivery
// is a task of its own, so one receiver that is down retries alone.
const (
	TypeWebhookEvent   = "webhook:event"
	TypeWebhookDeliver = "webhook:deliver"
	QueueWebhooks      = "webhooks"
)

// DefaultWebhookAttempts bounds a delivery's attempts: with the default
// backoff (30s doubling, at most an hour) the last is some 5 hours after
// the first, Stripe's order of patience for a receiver that is down.
const DefaultWebhookAttempts = 12

// keepTaskIDs is how long asynq keeps a finished event or delivery
// task, and with it its id: an outcome told again within it is the
// same task and is not enqueued twice.
const keepTaskIDs = 24 * time.Hour

// Events tells a check's outcome to the tenant's webhooks. It is called
// where a worker records the outcome, never from a pipeline stage; a
// nil *Events tells nothing.
type Events struct {
	Queue Enqueuer
	// BaseURL is the API's address as clients reach it, for report_url;
	// empty gives a path ("/v1/orders/<id>/report").
	BaseURL string
	Log     *slog.Logger
	Now     func() time.Time // default time.Now
}

type eventPayload struct {
	Tenant string         `json:"tenant"`
	Event  webhooks.Event `json:"event"`
}

type deliverPayload struct {
	Tenant  string `json:"tenant"`
	Webhook string `json:"webhook"`
	Event   string `json:"event"`
}

// checked tells that task's check finished, and that the verdict
// changed when prev (the order before it) had a report with another
// verdict. A check a later request superseded tells nothing: its report
// is not the order's.
func (e *Events) checked(ctx context.Context, recs records.Records, p CheckPayload, prev records.Meta) {
	e.recorded(ctx, recs, p, prev, records.Checked)
}

// failed tells that task's check ended for good without a report, if
// the task is still the order's check.
func (e *Events) failed(ctx context.Context, recs records.Records, p CheckPayload) {
	e.recorded(ctx, recs, p, records.Meta{}, records.Failed)
}

func (e *Events) recorded(ctx context.Context, recs records.Records, p CheckPayload, prev records.Meta, status string) {
	if e == nil {
		return
	}
	m, err := recs.Meta(ctx, p.Tenant, p.OrderID)
	if err != nil {
		e.warn("read the order for its events", p, err)
		return
	}
	if m.Check != nil && m.Check.Task == p.Task && m.Status == status {
		e.Tell(ctx, p, prev, m)
	}
}

// Tell emits the events of an outcome a worker has recorded: m is the
// order as recorded, prev as it was before the check, p names the
// order and the task (the outcome's identity: told again, it is the
// same event). Checked orders tell order.checked, and
// order.verdict_changed when prev had a report with another verdict;
// failed ones order.failed. Every path that records a check's outcome
// (a single check, a re-validation batch) calls it.
func (e *Events) Tell(ctx context.Context, p CheckPayload, prev, m records.Meta) {
	if e == nil {
		return
	}
	switch m.Status {
	case records.Checked:
		e.emit(ctx, p, webhooks.OrderChecked, m.Verdict, "")
		if prev.HasReport() && prev.Verdict != "" && prev.Verdict != m.Verdict {
			e.emit(ctx, p, webhooks.OrderVerdictChanged, m.Verdict, prev.Verdict)
		}
	case records.Failed:
		e.emit(ctx, p, webhooks.OrderFailed, "", "")
	}
}

// emit queues the event's fan-out. A queue that refuses it loses the
// event, not the check: the outcome is stored and GET shows it.
func (e *Events) emit(ctx context.Context, p CheckPayload, typ, verdict, prev string) {
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	ev := webhooks.NewEvent(typ, p.Tenant, p.OrderID, p.Task, verdict, e.BaseURL, now())
	ev.PreviousVerdict = prev
	data, _ := json.Marshal(eventPayload{Tenant: p.Tenant, Event: ev})
	t := asynq.NewTask(TypeWebhookEvent, data)
	_, err := e.Queue.EnqueueContext(ctx, t, asynq.Queue(QueueWebhooks), asynq.TaskID("webhook-event:"+ev.ID), asynq.MaxRetry(8), asynq.Retention(keepTaskIDs))
	if err != nil && !isConflict(err) {
		e.warn("queue the event "+typ, p, err)
	}
}

func (e *Events) warn(what string, p CheckPayload, err error) {
	if e.Log != nil {
		e.Log.Warn("webhooks: could not "+what, "order_id", p.OrderID, "error", pipeline.Scrub(err.Error()))
	}
}

// Webhooks handles the event and delivery tasks.
type Webhooks struct {
	Store  webhooks.Store
	Queue  Enqueuer
	Sender webhooks.Sender
	// MaxAttempts bounds a delivery's attempts; default
	// DefaultWebhookAttempts.
	MaxAttempts int
	Now         func() time.Time // default time.Now
}

// Register routes the webhook tasks on mux.
func (w Webhooks) Register(mux *asynq.ServeMux) {
	mux.HandleFunc(TypeWebhookEvent, w.fanOut)
	mux.HandleFunc(TypeWebhookDeliver, w.deliver)
}

func (w Webhooks) now() time.Time {
	if w.Now != nil {
		return w.Now().UTC()
	}
	return time.Now().UTC()
}

// fanOut records a pending delivery of the event to each subscription
// that takes it and queues the delivery. Run again (a retry after the
// store failed half way) it queues only what is still pending.
func (w Webhooks) fanOut(ctx context.Context, t *asynq.Task) error {
	var p eventPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return fmt.Errorf("webhook event: bad payload: %v: %w", err, asynq.SkipRetry)
	}
	subs, err := w.Store.List(ctx, p.Tenant)
	if err != nil {
		return fmt.Errorf("webhook event %s: %w", p.Event.ID, err)
	}
	for _, sub := range subs {
		if !sub.Wants(p.Event.Type) {
			continue
		}
		d, err := w.Store.Delivery(ctx, p.Tenant, sub.ID, p.Event.ID)
		switch {
		case err == nil && d.Status != webhooks.Pending:
			continue
		case errors.Is(err, webhooks.ErrNotFound):
			err = w.Store.PutDelivery(ctx, p.Tenant, sub.ID, webhooks.Delivery{Event: p.Event, Status: webhooks.Pending, Created: w.now()})
		}
		if err != nil {
			return fmt.Errorf("webhook event %s: %w", p.Event.ID, err)
		}
		if err := w.enqueue(ctx, p.Tenant, sub.ID, p.Event.ID); err != nil {
			return fmt.Errorf("webhook event %s: queue delivery to %s: %w", p.Event.ID, sub.ID, err)
		}
	}
	return nil
}

func (w Webhooks) enqueue(ctx context.Context, tenant, sub, event string) error {
	attempts := w.MaxAttempts
	if attempts <= 0 {
		attempts = DefaultWebhookAttempts
	}
	timeout := w.Sender.Timeout
	if timeout <= 0 {
		timeout = webhooks.DefaultTimeout
	}
	data, _ := json.Marshal(deliverPayload{Tenant: tenant, Webhook: sub, Event: event})
	_, err := w.Queue.EnqueueContext(ctx, asynq.NewTask(TypeWebhookDeliver, data),
		asynq.Queue(QueueWebhooks), asynq.TaskID("webhook-deliver:"+sub+":"+event), asynq.MaxRetry(attempts-1),
		asynq.Timeout(timeout+10*time.Second), asynq.Retention(keepTaskIDs))
	if isConflict(err) {
		return nil
	}
	return err
}

// deliver makes one attempt and records it. A failed attempt is an
// error, so asynq retries it after webhookDelay; the last one marks the
// delivery failed. A delivery already made, or to a subscription since
// deleted, does nothing.
func (w Webhooks) deliver(ctx context.Context, t *asynq.Task) error {
	var p deliverPayload
	if err := json.Unmarshal(t.Payload(), &p); err != nil {
		return fmt.Errorf("webhook delivery: bad payload: %v: %w", err, asynq.SkipRetry)
	}
	sub, err := w.Store.Get(ctx, p.Tenant, p.Webhook)
	if err == nil {
		var d webhooks.Delivery
		if d, err = w.Store.Delivery(ctx, p.Tenant, p.Webhook, p.Event); err == nil {
			return w.attempt(ctx, p, sub, d)
		}
	}
	if errors.Is(err, webhooks.ErrNotFound) {
		return nil
	}
	return fmt.Errorf("webhook delivery %s: %w", p.Event, err)
}

func (w Webhooks) attempt(ctx context.Context, p deliverPayload, sub webhooks.Subscription, d webhooks.Delivery) error {
	if d.Status != webhooks.Pending {
		return nil
	}
	res := w.Sender.Send(ctx, sub, d.Event)
	now := w.now()
	d.Attempts++
	d.LastAttempt, d.LastStatusCode, d.LastError = &now, res.StatusCode, ""
	switch {
	case res.Err == nil:
		d.Status, d.Delivered = webhooks.Delivered, &now
	case isLastRetry(ctx), errors.Is(res.Err, webhooks.ErrNotPublic): // refused by policy: no retry will pass
		d.Status = webhooks.Failed
	}
	if res.Err != nil {
		d.LastError = pipeline.Scrub(res.Err.Error())
	}
	// Unrecorded, a delivery made is made again: the receiver dedupes
	// by event id, a delivery left pending would mislead.
	if err := w.Store.PutDelivery(ctx, p.Tenant, p.Webhook, d); err != nil {
		return fmt.Errorf("webhook delivery %s: %w", p.Event, err)
	}
	if errors.Is(res.Err, webhooks.ErrNotPublic) {
		return fmt.Errorf("webhook delivery %s to %s refused: %s: %w", p.Event, p.Webhook, d.LastError, asynq.SkipRetry)
	}
	if res.Err != nil {
		return fmt.Errorf("webhook delivery %s to %s, attempt %d: %s", p.Event, p.Webhook, d.Attempts, d.LastError)
	}
	return nil
}

// webhookDelay is the wait before a delivery's retry n: base doubling,
// at most an hour, with a tenth either way of jitter so deliveries that
// failed together (a receiver's outage) do not return together.
func webhookDelay(base time.Duration, n int) time.Duration {
	d := min(base<<min(n, 20), time.Hour)
	return d - d/10 + rand.N(d/5+1)
}

package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/webhooks"
)

// registerWebhooks adds the webhook routes (SPEC section 6). Their
// subscriptions live in the orders' store.
func (s *server) registerWebhooks(mux *http.ServeMux) {
	mux.Handle("POST /v1/webhooks", s.auth(s.createWebhook))
	mux.Handle("GET /v1/webhooks", s.auth(s.listWebhooks))
	mux.Handle("GET /v1/webhooks/{id}", s.auth(s.getWebhook))
	mux.Handle("DELETE /v1/webhooks/{id}", s.auth(s.deleteWebhook))
	mux.Handle("POST /v1/webhooks/{id}/rotate-secret", s.auth(s.rotateWebhookSecret))
	mux.Handle("GET /v1/webhooks/{id}/deliveries", s.auth(s.listDeliveries))
}

func (s *server) hooks() webhooks.Store { return webhooks.Store{Store: s.Records.Store} }

// webhookView is a subscription as GET shows it: never its secret.
func webhookView(sub webhooks.Subscription) map[string]any {
	v := map[string]any{"id": sub.ID, "url": sub.URL, "events": sub.Events, "created_at": sub.Created.Format(time.RFC3339)}
	if sub.PreviousExpires != nil && time.Now().Before(*sub.PreviousExpires) {
		v["previous_secret_expires_at"] = sub.PreviousExpires.Format(time.RFC3339)
	}
	return v
}

// webhookError maps a webhook store failure: another tenant's webhook,
// or one that never was, is 404.
func (s *server) webhookError(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, webhooks.ErrNotFound) {
		writeError(w, http.StatusNotFound, "not_found", "no such webhook")
		return
	}
	s.Log.Warn("backend unavailable", "path", r.URL.Path, "error", pipeline.Scrub(err.Error()))
	writeError(w, http.StatusServiceUnavailable, "unavailable", "storage unavailable; retry later")
}

// createWebhook answers the one time the secret is shown.
func (s *server) createWebhook(w http.ResponseWriter, r *http.Request, tenant string) {
	var in struct {
		URL    string   `json:"url"`
		Events []string `json:"events"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_webhook", "body: want {\"url\": ..., \"events\": [...]}: "+err.Error())
		return
	}
	if err := webhooks.ValidateURL(in.URL); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_webhook", err.Error())
		return
	}
	events, err := webhooks.ValidateEvents(in.Events)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_webhook", err.Error())
		return
	}
	sub, err := s.hooks().Create(r.Context(), tenant, in.URL, events, time.Now())
	if errors.Is(err, webhooks.ErrTooMany) {
		writeError(w, http.StatusConflict, "too_many_webhooks", fmt.Sprintf("a tenant has at most %d webhooks: delete one first", webhooks.MaxSubscriptions))
		return
	}
	if err != nil {
		s.webhookError(w, r, err)
		return
	}
	v := webhookView(sub)
	v["secret"] = sub.Secret.Reveal()
	w.Header().Set("Location", "/v1/webhooks/"+sub.ID)
	writeJSON(w, http.StatusCreated, v)
}

// defaultGrace is how long a rotated-out secret keeps signing when the
// request does not say: a day, Stripe's default too.
const defaultGrace = 24 * 60 * 60

// rotateWebhookSecret answers the one time the new secret is shown.
func (s *server) rotateWebhookSecret(w http.ResponseWriter, r *http.Request, tenant string) {
	in := struct {
		Grace *int64 `json:"grace_seconds"`
	}{}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil && !errors.Is(err, io.EOF) {
		writeError(w, http.StatusBadRequest, "invalid_webhook", "body: want nothing or {\"grace_seconds\": N}: "+err.Error())
		return
	}
	grace := int64(defaultGrace)
	if in.Grace != nil {
		grace = *in.Grace
	}
	if max := int64(webhooks.MaxGrace / time.Second); grace < 0 || grace > max {
		writeError(w, http.StatusBadRequest, "invalid_webhook", fmt.Sprintf("grace_seconds: between 0 and %d (a week)", max))
		return
	}
	sub, err := s.hooks().RotateSecret(r.Context(), tenant, r.PathValue("id"), time.Duration(grace)*time.Second, time.Now())
	if err != nil {
		s.webhookError(w, r, err)
		return
	}
	v := webhookView(sub)
	v["secret"] = sub.Secret.Reveal()
	writeJSON(w, http.StatusOK, v)
}

func (s *server) listWebhooks(w http.ResponseWriter, r *http.Request, tenant string) {
	subs, err := s.hooks().List(r.Context(), tenant)
	if err != nil {
		s.webhookError(w, r, err)
		return
	}
	views := make([]map[string]any, len(subs))
	for i, sub := range subs {
		views[i] = webhookView(sub)
	}
	writeJSON(w, http.StatusOK, map[string]any{"webhooks": views})
}

func (s *server) getWebhook(w http.ResponseWriter, r *http.Request, tenant string) {
	sub, err := s.hooks().Get(r.Context(), tenant, r.PathValue("id"))
	if err != nil {
		s.webhookError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, webhookView(sub))
}

func (s *server) deleteWebhook(w http.ResponseWriter, r *http.Request, tenant string) {
	if err := s.hooks().Delete(r.Context(), tenant, r.PathValue("id")); err != nil {
		s.webhookError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// deliveryView is one delivery as the list shows it: the event named,
// not repeated whole.
func deliveryView(d webhooks.Delivery) map[string]any {
	v := map[string]any{"event_id": d.Event.ID, "type": d.Event.Type, "order_id": d.Event.OrderID, "status": d.Status,
		"attempts": d.Attempts, "last_error": nil, "last_status_code": nil, "created_at": d.Created.Format(time.RFC3339),
		"last_attempt_at": nil, "delivered_at": nil}
	if d.LastError != "" {
		v["last_error"] = d.LastError
	}
	if d.LastStatusCode != 0 {
		v["last_status_code"] = d.LastStatusCode
	}
	if d.LastAttempt != nil {
		v["last_attempt_at"] = d.LastAttempt.Format(time.RFC3339)
	}
	if d.Delivered != nil {
		v["delivered_at"] = d.Delivered.Format(time.RFC3339)
	}
	return v
}

func (s *server) listDeliveries(w http.ResponseWriter, r *http.Request, tenant string) {
	ds, err := s.hooks().Deliveries(r.Context(), tenant, r.PathValue("id"))
	if err != nil {
		s.webhookError(w, r, err)
		return
	}
	views := make([]map[string]any, len(ds))
	for i, d := range ds {
		views[i] = deliveryView(d)
	}
	writeJSON(w, http.StatusOK, map[string]any{"deliveries": views})
}

package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/portcheck/portcheck/correction"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/report"
	"github.com/portcheck/portcheck/workers"
)

// check queues the order's check of its current version as of as_of
// (default today). Asking again while the same check is queued or
// running, or after it made the latest report, queues nothing.
func (s *server) check(w http.ResponseWriter, r *http.Request, tenant string) {
	id := r.PathValue("id")
	asOf, err := workers.ParseAsOf(r.URL.Query().Get("as_of"))
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_parameter", "as_of: "+err.Error())
		return
	}
	m, _, err := workers.RequestCheck(r.Context(), s.Records, s.Queue, tenant, id, asOf, workers.QueueChecks)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]string{"status": m.Status})
}

func (s *server) getReport(w http.ResponseWriter, r *http.Request, tenant string) {
	data, ok := s.latestReport(w, r, tenant)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(data)
}

// latestReport reads the order's latest report; false when an answer
// was written (404, 409 while none exists, 503).
func (s *server) latestReport(w http.ResponseWriter, r *http.Request, tenant string) ([]byte, bool) {
	id := r.PathValue("id")
	if _, err := s.Records.Meta(r.Context(), tenant, id); err != nil {
		s.storeError(w, r, err)
		return nil, false
	}
	data, err := s.Records.Report(r.Context(), tenant, id)
	if errors.Is(err, records.ErrNotFound) {
		writeError(w, http.StatusConflict, "no_report", "no report yet: ask for a check and wait for it")
		return nil, false
	}
	if err != nil {
		s.storeError(w, r, err)
		return nil, false
	}
	return data, true
}

// getCorrection answers the latest report's correction: the merge patch
// to send back with PATCH, and what only a person can fix.
func (s *server) getCorrection(w http.ResponseWriter, r *http.Request, tenant string) {
	data, ok := s.latestReport(w, r, tenant)
	if !ok {
		return
	}
	var rep report.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		s.storeError(w, r, fmt.Errorf("read report: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, correction.FromReport(&rep))
}

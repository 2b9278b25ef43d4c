package review

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"

	"github.com/portcheck/portcheck/pipeline"
	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/report"
)

// anchorRE is the finding a form came from, to return to it.
var anchorRE = regexp.MustCompile(`^finding-\d{1,5}$`)

func (s *server) accept(w http.ResponseWriter, r *http.Request, sess *session) {
	s.decide(w, r, sess, true)
}

func (s *server) withdraw(w http.ResponseWriter, r *http.Request, sess *session) {
	s.decide(w, r, sess, false)
}

// decide accepts a finding (with the reviewer's comment, the order's
// PINs and SSN-shaped numbers taken out of it) or withdraws the
// acceptance, then returns to the finding.
func (s *server) decide(w http.ResponseWriter, r *http.Request, sess *session, accept bool) {
	ctx, id := r.Context(), r.PathValue("id")
	o, _, err := s.Records.Load(ctx, sess.Tenant, id)
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	raw := r.PostFormValue("finding")
	key, err := records.ParseFindingKey(raw)
	comment := pipeline.NewRedactor(o).String(r.PostFormValue("comment"))
	if err == nil {
		if accept {
			_, err = s.Records.Accept(ctx, sess.Tenant, id, key, report.Acceptance{By: sess.Reviewer, Comment: comment})
		} else {
			_, err = s.Records.Withdraw(ctx, sess.Tenant, id, key)
		}
	}
	if msg := decisionError(err); msg != "" {
		s.showOrder(w, r, sess, http.StatusBadRequest, &formError{key: raw, msg: msg, comment: comment})
		return
	}
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	to := fmt.Sprintf("/review/orders/%s", url.PathEscape(id))
	if a := r.PostFormValue("anchor"); anchorRE.MatchString(a) {
		to += "#" + a
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

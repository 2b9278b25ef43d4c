package review

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/portcheck/portcheck/records"
	"github.com/portcheck/portcheck/report"
)

// pageSize is how many orders one page of the list shows.
const pageSize = 25

// filters are the list's filters as the query gives them; a value that
// is no verdict, status, code or date is dropped (and said), never read
// as "no orders".
type filters struct {
	Verdict, Status, Code, AgesBy string
	Page                          int
	Ignored                       []string
}

// noVerdict is the filter value of orders without a verdict yet.
const noVerdict = "none"

// verdicts are the verdict filter's values, worst first.
var verdicts = []string{string(report.Reject), string(report.Warn), string(report.Pass), noVerdict}

func readFilters(q url.Values) filters {
	f := filters{Page: 1}
	if v := q.Get("verdict"); v != "" {
		if slices.Contains(verdicts, v) {
			f.Verdict = v
		} else {
			f.Ignored = append(f.Ignored, "verdict")
		}
	}
	if v := q.Get("status"); v != "" {
		if slices.Contains(records.Statuses, v) {
			f.Status = v
		} else {
			f.Ignored = append(f.Ignored, "status")
		}
	}
	if v := q.Get("code"); v != "" {
		if _, ok := report.Catalog[report.Code(v)]; ok {
			f.Code = v
		} else {
			f.Ignored = append(f.Ignored, "code")
		}
	}
	if v := q.Get("ages_by"); v != "" {
		if _, err := time.Parse(time.DateOnly, v); err == nil {
			f.AgesBy = v
		} else {
			f.Ignored = append(f.Ignored, "ages out by")
		}
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		f.Page = n
	}
	return f
}

func (f filters) keep(m records.Meta) bool {
	switch {
	case f.Verdict == noVerdict && m.Verdict != "":
		return false
	case f.Verdict != "" && f.Verdict != noVerdict && m.Verdict != f.Verdict:
		return false
	case f.Status != "" && m.Status != f.Status:
		return false
	case f.Code != "" && !slices.Contains(m.Codes, f.Code):
		return false
	case f.AgesBy != "" && (m.AgesOut == "" || m.AgesOut > f.AgesBy):
		return false
	}
	return true
}

// query is the filters as a query string, for the pages' links.
func (f filters) query(page int) string {
	q := url.Values{}
	for k, v := range map[string]string{"verdict": f.Verdict, "status": f.Status, "code": f.Code, "ages_by": f.AgesBy} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	if len(q) == 0 {
		return "/review/orders"
	}
	return "/review/orders?" + q.Encode()
}

// verdictRank orders the list worst first: reject, warn, pass, then
// orders without a verdict.
func verdictRank(v string) int {
	switch v {
	case "":
		return 4
	case string(report.Pass):
		return 3
	}
	return report.Severity(v).Rank()
}

type listView struct {
	Filters          filters
	Orders           []records.Meta
	Total, Page, Max int
	Prev, Next       string
	Verdicts         []string
	Statuses         []string
	Codes            []report.Code
}

func (s *server) listOrders(w http.ResponseWriter, r *http.Request, sess *session) {
	f := readFilters(r.URL.Query())
	all, err := s.Records.List(r.Context(), sess.Tenant)
	if err != nil {
		s.fail(w, r, sess, err)
		return
	}
	var ms []records.Meta
	for _, m := range all {
		if f.keep(m) {
			ms = append(ms, m)
		}
	}
	// Stable: within a verdict, newest first as List gives them.
	slices.SortStableFunc(ms, func(a, b records.Meta) int { return cmp.Compare(verdictRank(a.Verdict), verdictRank(b.Verdict)) })
	v := listView{Filters: f, Total: len(ms), Page: f.Page, Max: max(1, (len(ms)+pageSize-1)/pageSize),
		Verdicts: verdicts, Statuses: records.Statuses, Codes: catalogCodes()}
	v.Page = min(v.Page, v.Max)
	start := (v.Page - 1) * pageSize
	v.Orders = ms[start:min(start+pageSize, len(ms))]
	if v.Page > 1 {
		v.Prev = f.query(v.Page - 1)
	}
	if v.Page < v.Max {
		v.Next = f.query(v.Page + 1)
	}
	s.render(w, http.StatusOK, "list.html", page{Title: "Orders", Session: sess, Data: v})
}

func catalogCodes() []report.Code {
	var cs []report.Code
	for c := range report.Catalog {
		cs = append(cs, c)
	}
	slices.Sort(cs)
	return cs
}

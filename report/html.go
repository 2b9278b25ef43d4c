package report

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
)

// WriteHTML writes r as one self-contained page for a reviewer, without
// page images (see WriteHTMLPages).
func WriteHTML(w io.Writer, r *Report) error {
	return WriteHTMLPages(context.Background(), w, r, nil, nil)
}

// WriteHTMLPages writes r as one self-contained page for a reviewer: the
// verdict, the findings worst first, each beside a crop of its page with
// the value it rests on outlined, the whole page a click away, and for
// each comparison the two values as written side by side with the
// differing characters marked. Images are inlined; no script, no
// external style sheet, nothing fetched. src may be nil (no images, the
// order's values as the report quotes them); log, if set, hears why a
// page image could not be made.
func WriteHTMLPages(ctx context.Context, w io.Writer, r *Report, src Sources, log func(error)) error {
	v, err := buildView(ctx, r, src, log)
	if err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	if err := htmlPage().Execute(w, v); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// htmlPage is parsed on first use, not in init: only an HTML report
// reads it.
var htmlPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"upper":      strings.ToUpper,
		"codes":      carrierCodes,
		"docName":    documentName,
		"capitalise": capitalise,
	}).Parse(htmlTemplate))
})

// markDiff marks the characters of a and b outside their longest common
// subsequence, so "Acme Widgets, Inc." against "ACME WIDGETS INC" shows
// exactly which letters and commas differ. With ignoreCase, letters
// that differ only in case are not marked: a case difference would
// drown the digit that matters.
func markDiff(a, b string, ignoreCase bool) (template.HTML, template.HTML) {
	ra, rb := []rune(a), []rune(b)
	if len(ra)*len(rb) > 1<<20 { // too long to diff: show both plainly
		return template.HTML(template.HTMLEscapeString(a)), template.HTML(template.HTMLEscapeString(b))
	}
	fa, fb := ra, rb
	if ignoreCase {
		fa, fb = []rune(strings.ToLower(a)), []rune(strings.ToLower(b))
		if len(fa) != len(ra) || len(fb) != len(rb) {
			fa, fb = ra, rb
		}
	}
	keepA, keepB := lcs(fa, fb)
	return marked(ra, keepA), marked(rb, keepB)
}

func lcs(a, b []rune) ([]bool, []bool) {
	n, m := len(a), len(b)
	t := make([][]int, n+1)
	for i := range t {
		t[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	keepA, keepB := make([]bool, n), make([]bool, m)
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			keepA[i], keepB[j] = true, true
			i, j = i+1, j+1
		case t[i+1][j] >= t[i][j+1]:
			i++
		default:
			j++
		}
	}
	return keepA, keepB
}

func marked(r []rune, keep []bool) template.HTML {
	var b strings.Builder
	open := false
	for i, c := range r {
		if !keep[i] && !open {
			b.WriteString("<mark>")
			open = true
		}
		if keep[i] && open {
			b.WriteString("</mark>")
			open = false
		}
		b.WriteString(template.HTMLEscapeString(string(c)))
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

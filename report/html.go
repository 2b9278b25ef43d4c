package report

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// WriteHTML writes r as one self-contained page for a reviewer: the
// verdict, the findings worst first, and for each comparison the order's
// value and the document's side by side with the differing characters
// marked. No script, no external style sheet, no fonts to fetch.
func WriteHTML(w io.Writer, r *Report) error {
	if err := htmlPage.Execute(w, r); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

var htmlPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"diffA": func(a, b string) template.HTML { x, _ := markDiff(a, b); return x },
	"diffB": func(a, b string) template.HTML { _, y := markDiff(a, b); return y },
	"upper": strings.ToUpper,
	"codes": carrierCodes,
}).Parse(htmlTemplate))

// markDiff marks the characters of a and b outside their longest common
// subsequence, so "Acme Widgets, Inc." against "ACME WIDGETS INC" shows
// exactly which letters and commas differ.
func markDiff(a, b string) (template.HTML, template.HTML) {
	ra, rb := []rune(a), []rune(b)
	if len(ra)*len(rb) > 1<<20 { // too long to diff: show both plainly
		return template.HTML(template.HTMLEscapeString(a)), template.HTML(template.HTMLEscapeString(b))
	}
	keepA, keepB := lcs(ra, rb)
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

const htmlTemplate = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>portcheck {{.OrderID}}: {{.Verdict}}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
h1{font-size:1.4em}.verdict{padding:.15em .6em;border-radius:.3em;color:#fff}
.reject{background:#b3261e}.warn{background:#b26a00}.info{background:#4a5a70}.pass{background:#2e7d32}
.finding{border:1px solid #ddd;border-left:.4em solid #999;border-radius:.3em;margin:1em 0;padding:.6em 1em}
.finding.reject{border-left-color:#b3261e;background:#fff}.finding.warn{border-left-color:#b26a00;background:#fff}.finding.info{border-left-color:#4a5a70;background:#fff}
.code{font-weight:600;font-family:ui-monospace,monospace}.sev{font-size:.8em;text-transform:uppercase}
table.cmp{border-collapse:collapse;margin:.5em 0;width:100%}table.cmp td,table.cmp th{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top}
table.cmp td{font-family:ui-monospace,monospace;white-space:pre-wrap}mark{background:#ffd54f;color:#000}
.fix{background:#eef6ee;padding:.4em .6em;border-radius:.3em}.meta{color:#666;font-size:.9em}
table.docs{border-collapse:collapse}table.docs td,table.docs th{padding:.2em .8em;border-bottom:1px solid #eee;text-align:left}
</style></head><body>
<h1>Order {{.OrderID}} <span class="verdict {{.Verdict}}">{{upper (print .Verdict)}}</span></h1>
<p class="meta">Profile {{.Profile}} · as of {{.AsOf}} · {{len .Findings}} finding(s)</p>
{{if not .Findings}}<p>No findings: nothing here should make a carrier reject the port.</p>{{end}}
{{range .Findings}}<div class="finding {{.Severity}}">
<div><span class="sev">{{.Severity}}</span> <span class="code">{{.Code}}</span>{{if .Field}} · {{.Field}}{{end}}{{if .Document}} · {{.Document}}{{with .Evidence}}{{if .Page}}, page {{.Page}}{{end}}{{end}}{{end}}{{if .Difference}} · difference: {{.Difference}}{{end}}</div>
<p>{{.Message}}</p>
{{if or .Expected .Found}}<table class="cmp"><tr><th>the order</th><th>the document</th></tr>
<tr>{{if and .Difference (ne (print .Difference) "missing")}}<td>{{diffA .Expected .Found}}</td><td>{{diffB .Expected .Found}}</td>{{else}}<td>{{.Expected}}</td><td>{{.Found}}</td>{{end}}</tr></table>{{end}}
{{if .Fix}}<p class="fix"><b>Fix:</b> {{.Fix}}</p>{{end}}
{{with .CarrierCodes}}<p class="meta">Carrier codes: {{codes .}}</p>{{end}}
</div>{{end}}
{{if .Documents}}<h2>Documents</h2><table class="docs"><tr><th>kind</th><th>file</th><th>format</th><th>pages</th><th>bytes</th><th>text</th></tr>
{{range .Documents}}<tr><td>{{.Kind}}</td><td>{{.Path}}</td><td>{{.MediaType}}</td><td>{{.Pages}}</td><td>{{.Bytes}}</td><td>{{.TextSource}}</td></tr>{{end}}</table>{{end}}
</body></html>
`

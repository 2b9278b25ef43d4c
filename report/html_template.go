package report

// htmlTemplate: colours meet WCAG AA contrast (4.5:1) for their text;
// headings go h1 (the order), h2 (sections), h3 (each finding), so a
// screen reader can jump between findings; a marked difference is
// announced by hidden text around it, as screen readers do not announce
// <mark> itself.
const htmlTemplate = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>portcheck {{.OrderID}}: {{.Verdict}}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:76em;padding:0 1em;color:#1f1f1f;background:#fff}
h1{font-size:1.4em}h2{font-size:1.2em;margin-top:1.6em}h3{font-size:1em;margin:0 0 .3em}
.verdict{padding:.15em .6em;border-radius:.3em;color:#fff}
.reject{background:#b3261e}.warn{background:#8a4f00}.info{background:#4a5a70}.pass{background:#2e7d32}
.finding{border:1px solid #ccc;border-left:.4em solid #767676;border-radius:.3em;margin:1em 0;padding:.6em 1em;display:flex;flex-wrap:wrap;gap:1em}
.finding.reject{border-left-color:#b3261e;background:#fff}.finding.warn{border-left-color:#8a4f00;background:#fff}.finding.info{border-left-color:#4a5a70;background:#fff}
.finding .text{flex:1 1 28em;min-width:0}.finding figure{flex:0 1 24em;margin:0}
.finding figure img{max-width:100%;height:auto;border:1px solid #ccc}
.code{font-weight:600;font-family:ui-monospace,monospace}.sev{font-size:.8em;text-transform:uppercase;padding:.1em .4em;border-radius:.2em;color:#fff}
table.cmp{border-collapse:collapse;margin:.5em 0;width:100%}table.cmp td,table.cmp th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
table.cmp td{font-family:ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere}mark{background:#ffd54f;color:#000}
mark::before,mark::after{clip-path:inset(100%);clip:rect(1px,1px,1px,1px);height:1px;width:1px;overflow:hidden;position:absolute;white-space:nowrap}
mark::before{content:" [differs: "}mark::after{content:"] "}
.accepted{background:#e8f0fe;padding:.4em .6em;border-radius:.3em}.fix{background:#eef6ee;padding:.4em .6em;border-radius:.3em}.meta{color:#595959;font-size:.9em}
table.docs{border-collapse:collapse}table.docs td,table.docs th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:left}
.page{margin:1.5em 0}.page img{max-width:100%;height:auto;border:1px solid #ccc}
a{color:#0b57d0}
</style></head><body>
<header><h1>Order {{.OrderID}} <span class="verdict {{.Verdict}}">{{upper (print .Verdict)}}</span></h1>
<p class="meta">Profile {{.Profile}} · as of {{.AsOf}} · {{len .Findings}} finding(s)</p></header>
<main>
<h2>Findings</h2>
{{if not .Findings}}<p>No findings: nothing here should make a carrier reject the port.</p>{{end}}
{{range .Findings}}{{$f := .}}<section class="finding {{.Severity}}" aria-labelledby="{{.ID}}"><div class="text">
<h3 id="{{.ID}}"><span class="sev {{.Severity}}">{{.Severity}}</span> <span class="code">{{.Code}}</span>{{if .Field}} · {{.Field}}{{end}}{{if .Place}} · {{.Place}}{{end}}</h3>
<p>{{.Message}}</p>
{{if .Table}}<table class="cmp"><caption class="meta">{{if .Differs}}{{.Differs}}{{else}}{{.Caption}}{{end}}</caption>
<tr><th scope="col">{{.Left}}</th><th scope="col">{{.Right}}</th></tr>
<tr><td>{{if .Expected}}{{.LeftValue}}{{else}}<em>(none)</em>{{end}}</td><td>{{if .Found}}{{.RightHTML}}{{else if .Document}}<em>(not shown)</em>{{else}}<em>(none)</em>{{end}}</td></tr></table>
{{with .Standard}}<p class="meta">Compared as standardised (USPS) for the order: {{.}}</p>{{end}}
{{else if .Found}}<p><b>{{.Caption}}:</b> {{.RightHTML}}</p>{{end}}
{{if .Fix}}<p class="fix"><b>Fix:</b> {{.Fix}}</p>{{end}}{{with .Accepted}}<p class="accepted"><b>Accepted</b> by {{.By}} ({{.Tenant}}) at {{.At}}; it counts for no verdict. {{.Comment}}</p>{{end}}
{{with .CarrierCodes}}<p class="meta">Carrier codes: {{codes .}}</p>{{end}}
</div>
{{with .Crop}}<figure>{{.Tag}}
<figcaption class="meta">{{capitalise $f.Place}}, the value read outlined in red. <a href="#{{$f.PageID}}">See the whole page</a></figcaption></figure>{{end}}
{{with .NoImage}}<p class="meta">{{.}}</p>{{end}}
{{with .SeeAlso}}<p class="meta">See {{range $i, $p := .}}{{if $i}}, {{end}}<a href="#{{$p.ID}}">{{$p.Title}}</a>{{end}}.</p>{{end}}
</section>{{end}}
{{if .Documents}}<h2>Documents</h2><table class="docs"><caption class="meta">The order's documents as portcheck read them; text says where their words came from (text layer, OCR or none).</caption><tr><th scope="col">kind</th><th scope="col">file</th><th scope="col">format</th><th scope="col">pages</th><th scope="col">bytes</th><th scope="col">text</th></tr>
{{range .Documents}}<tr><td>{{docName .Kind}}</td><td>{{.Path}}</td><td>{{.MediaType}}</td><td>{{.Pages}}</td><td>{{.Bytes}}</td><td>{{.TextSource}}</td></tr>{{end}}</table>{{end}}
{{if .Pages}}<h2>Pages</h2>
<p class="meta">Each page a finding rests on, with its values outlined. Secrets printed on a page (PINs, SSN-shaped numbers, the value beside a PIN label) are painted out.</p>
{{range .Pages}}<figure class="page" id="{{.ID}}">{{.Image.Tag}}
<figcaption>{{.Title}}</figcaption></figure>{{end}}{{end}}
</main></body></html>
`

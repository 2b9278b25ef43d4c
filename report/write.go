package report

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// WriteJSON writes v (a report or a list of them) as indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// WriteJSONLine writes r as one line of JSON (the jsonl format).
func WriteJSONLine(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// WriteText writes r for a person at a terminal: the verdict, then the
// findings worst first with what to do, then the documents.
func WriteText(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s  (profile %s, as of %s)\n", r.OrderID, strings.ToUpper(string(r.Verdict)), r.Profile, r.AsOf)
	if len(r.Findings) == 0 {
		b.WriteString("\nNo findings: nothing here should make a carrier reject the port.\n")
	}
	for _, f := range r.Findings {
		writeFinding(&b, f)
	}
	if len(r.Documents) > 0 {
		b.WriteString("\nDocuments\n")
	}
	for _, d := range r.Documents {
		fmt.Fprintf(&b, "  %-5s %s  %s  %d page(s)  %d bytes  text: %s\n", d.Kind, d.Path, orDash(d.MediaType), d.Pages, d.Bytes, d.TextSource)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeFinding(b *strings.Builder, f Finding) {
	fmt.Fprintf(b, "\n%-6s  %s", strings.ToUpper(string(f.Severity)), f.Code)
	if f.Field != "" {
		fmt.Fprintf(b, "  %s", f.Field)
	}
	if f.Document != "" {
		fmt.Fprintf(b, "  (%s%s)", f.Document, page(f.Evidence))
	}
	fmt.Fprintf(b, "\n        %s\n", f.Message)
	line := func(label, v string) {
		if v != "" {
			fmt.Fprintf(b, "        %-9s %s\n", label+":", v)
		}
	}
	line("expected", f.Expected)
	found := f.Found
	if found == "" && f.Difference == DiffMissing {
		found = "(not on the document)"
	}
	if f.Difference != "" {
		found += "  [" + string(f.Difference) + "]"
	}
	line("found", found)
	line("fix", f.Fix)
	line("carriers", carrierCodes(f.CarrierCodes))
}

func page(e *Evidence) string {
	if e == nil || e.Page == 0 {
		return ""
	}
	return fmt.Sprintf(", page %d", e.Page)
}

func carrierCodes(m map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+" "+m[k])
	}
	return strings.Join(parts, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

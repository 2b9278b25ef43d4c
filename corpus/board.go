package corpus

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode"
)

// RealBoard is the scoreboard of the real corpus.
type RealBoard struct {
	Results    []Result
	PeerValues []PeerValue
}

// Tally counts one set of fields: how many a person labelled, how many
// the pipeline reported, and how many of those equal the label.
type Tally struct{ Labelled, Reported, Correct int }

// Precision is the share of reported values that are right; 1 when
// nothing was reported (no value, no wrong value).
func (t Tally) Precision() float64 { return ratio(t.Correct, t.Reported) }

// Recall is the share of labelled values read right; 1 when nothing is
// labelled.
func (t Tally) Recall() float64 { return ratio(t.Correct, t.Labelled) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (t *Tally) add(u Tally) {
	t.Labelled += u.Labelled
	t.Reported += u.Reported
	t.Correct += u.Correct
}

// tally scores one field of one result.
func (r Result) tally(field string) Tally {
	want, got := r.Fields[field], r.Got[field]
	var t Tally
	if want != "" {
		t.Labelled = 1
	}
	if got != "" {
		t.Reported = 1
		if want != "" && r.same(field, got) {
			t.Correct = 1
		}
	}
	return t
}

// same reports whether got is the label of field or one of its other
// printed forms.
func (r Result) same(field, got string) bool {
	if Same(field, r.Fields[field], got) {
		return true
	}
	for _, a := range r.Also[field] {
		if Same(field, a, got) {
			return true
		}
	}
	return false
}

// All is the tally over every scored field of every document.
func (b RealBoard) All() Tally {
	var t Tally
	for _, r := range b.Results {
		for _, f := range ScoredFields {
			t.add(r.tally(f))
		}
	}
	return t
}

// By groups the tally over all fields by a key of each document (its
// kind, its text source, its language).
func (b RealBoard) By(key func(Result) string) map[string]Tally {
	out := map[string]Tally{}
	for _, r := range b.Results {
		t := out[key(r)]
		for _, f := range ScoredFields {
			t.add(r.tally(f))
		}
		out[key(r)] = t
	}
	return out
}

// Field is the tally of one field over every document.
func (b RealBoard) Field(f string) Tally {
	var t Tally
	for _, r := range b.Results {
		t.add(r.tally(f))
	}
	return t
}

// Fold is the board without one document.
type Fold struct {
	Left  string
	Tally Tally
}

// LeaveOneOut scores the corpus once per document, without it. The
// readers take nothing from the corpus, so a fold can only move by the
// document's own share; a fold far from the rest would show a figure
// that rests on one document.
func (b RealBoard) LeaveOneOut() []Fold {
	all := b.All()
	out := make([]Fold, 0, len(b.Results))
	for _, r := range b.Results {
		t := all
		for _, f := range ScoredFields {
			u := r.tally(f)
			t.Labelled -= u.Labelled
			t.Reported -= u.Reported
			t.Correct -= u.Correct
		}
		out = append(out, Fold{Left: r.Path(), Tally: t})
	}
	return out
}

// FieldMiss is one scored field where the reading and the label differ.
type FieldMiss struct {
	File, Field, Want, Got, Source string
	Context                        string // the lines around the value
}

// Wrong reports whether the pipeline reported a value that is not the
// label: worse than a missing value, because a reviewer trusts it.
func (m FieldMiss) Wrong() bool { return m.Got != "" }

// Misses lists every miss, wrong values first.
func (b RealBoard) Misses() []FieldMiss {
	var out []FieldMiss
	for _, r := range b.Results {
		for _, f := range ScoredFields {
			t := r.tally(f)
			if t.Correct == 1 || (t.Labelled == 0 && t.Reported == 0) {
				continue
			}
			probe := r.Got[f]
			if probe == "" {
				probe = r.Fields[f]
			}
			out = append(out, FieldMiss{File: r.Path(), Field: f, Want: r.Fields[f], Got: r.Got[f], Source: r.Source, Context: around(r, probe)})
		}
	}
	slices.SortStableFunc(out, func(a, b FieldMiss) int {
		switch {
		case a.Wrong() && !b.Wrong():
			return -1
		case !a.Wrong() && b.Wrong():
			return 1
		}
		return 0
	})
	return out
}

// around returns the line that holds value (compared folded), with the
// lines before and after it, or "" when no line holds it.
func around(r Result, value string) string {
	if r.Text == nil || value == "" {
		return ""
	}
	key := fold(firstWords(value, 3))
	for _, p := range r.Text.Pages {
		for i, l := range p.Lines {
			if !strings.Contains(fold(l.Text), key) {
				continue
			}
			var parts []string
			for j := max(0, i-1); j <= min(len(p.Lines)-1, i+1); j++ {
				parts = append(parts, strings.TrimSpace(p.Lines[j].Text))
			}
			return strings.Join(parts, " | ")
		}
	}
	return ""
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}

// Same reports whether a value read equals the label, the way a
// reviewer would count it: dates exactly, account numbers by their
// letters and digits, names and addresses by their words regardless of
// case and punctuation, issuers without their legal form (Inc., GmbH).
func Same(field, want, got string) bool {
	switch field {
	case "bill_date":
		return want == got
	case "account_number":
		return alnum(want) == alnum(got)
	case "carrier":
		return issuerKey(want) == issuerKey(got)
	}
	return fold(want) == fold(got)
}

func alnum(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold lower-cases s, turns punctuation into spaces and collapses them.
func fold(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return ' '
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

var legalForms = map[string]bool{
	"inc": true, "llc": true, "ltd": true, "limited": true, "corp": true, "corporation": true, "co": true, "plc": true,
	"gmbh": true, "ag": true, "kg": true, "sa": true, "sas": true, "sarl": true, "srl": true, "sl": true, "slu": true,
	"bv": true, "nv": true, "spa": true, "pvt": true, "private": true, "lp": true, "llp": true, "usa": true,
}

// issuerKey is an issuer's name without dots inside abbreviations
// (S.A. is SA), punctuation, case, and trailing legal forms.
func issuerKey(s string) string {
	w := strings.Fields(fold(strings.ReplaceAll(s, ".", "")))
	for len(w) > 1 && legalForms[w[len(w)-1]] {
		w = w[:len(w)-1]
	}
	return strings.Join(w, " ")
}

// Write prints the board: per field, per kind, per text source, per
// language, all fields, then the misses (up to misses of them; their
// values come from the documents, so a caller that logs publicly passes
// 0).
func (b RealBoard) Write(w io.Writer, misses int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\tLABELLED\tREPORTED\tCORRECT\tPRECISION\tRECALL")
	row := func(name string, t Tally) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\n", name, t.Labelled, t.Reported, t.Correct, t.Precision(), t.Recall())
	}
	for _, f := range ScoredFields {
		row(f, b.Field(f))
	}
	groups := []struct {
		name string
		key  func(Result) string
	}{
		{"kind", func(r Result) string { return r.Kind }},
		{"text source", func(r Result) string { return r.Source }},
		{"language", func(r Result) string { return r.Language }},
	}
	for _, g := range groups {
		fmt.Fprintf(tw, "%s:\t\t\t\t\t\n", g.name)
		by := b.By(g.key)
		for _, k := range slices.Sorted(maps.Keys(by)) {
			row("  "+k, by[k])
		}
	}
	row("all fields", b.All())
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d documents\n", len(b.Results))
	if len(b.PeerValues) > 0 {
		if err := writePeers(w, b); err != nil {
			return err
		}
	}
	ms := b.Misses()
	if misses <= 0 || len(ms) == 0 {
		fmt.Fprintf(w, "%d misses (%d wrong values)\n", len(ms), countWrong(ms))
		return nil
	}
	fmt.Fprintf(w, "\nworst misses (%d of %d, wrong values first):\n", min(misses, len(ms)), len(ms))
	for _, m := range ms[:min(misses, len(ms))] {
		fmt.Fprintf(w, "  %s [%s] %s: want %q, got %q\n", m.File, m.Source, m.Field, m.Want, m.Got)
		if m.Context != "" {
			fmt.Fprintf(w, "      %s\n", m.Context)
		}
	}
	return nil
}

func countWrong(ms []FieldMiss) int {
	n := 0
	for _, m := range ms {
		if m.Wrong() {
			n++
		}
	}
	return n
}

// WriteFolds prints the leave-one-out run: the range of the folds and
// the fold that moves most.
func WriteFolds(w io.Writer, folds []Fold) {
	if len(folds) == 0 {
		return
	}
	lowP, lowR := folds[0], folds[0]
	highP, highR := folds[0], folds[0]
	for _, f := range folds {
		if f.Tally.Precision() < lowP.Tally.Precision() {
			lowP = f
		}
		if f.Tally.Recall() < lowR.Tally.Recall() {
			lowR = f
		}
		if f.Tally.Precision() > highP.Tally.Precision() {
			highP = f
		}
		if f.Tally.Recall() > highR.Tally.Recall() {
			highR = f
		}
	}
	fmt.Fprintf(w, "leave-one-out over %d folds: precision %.3f-%.3f, recall %.3f-%.3f\n",
		len(folds), lowP.Tally.Precision(), highP.Tally.Precision(), lowR.Tally.Recall(), highR.Tally.Recall())
	fmt.Fprintf(w, "  lowest precision without %s, highest without %s\n", lowP.Left, highP.Left)
	fmt.Fprintf(w, "  lowest recall without %s, highest without %s\n", lowR.Left, highR.Left)
}

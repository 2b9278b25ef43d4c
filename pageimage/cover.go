package pageimage

import (
	"regexp"
	"strings"

	"github.com/portcheck/portcheck/extract"
)

// ssnShape is an SSN or tax ID as printed, the shape the pipeline
// redacts from a report's text.
var ssnShape = regexp.MustCompile(`\b\d{3}[- ]\d{2}[- ]\d{4}\b`)

// secretLabel is a label a PIN or SSN stands beside on a form.
var secretLabel = regexp.MustCompile(`(?i)^(pin|passcode|password|ssn|ss#|tax|security|account\s*pin|pin/passcode)\b`)

// Cover returns the boxes of a page's words that must not be shown: a
// word that is one of the secrets, an SSN-shaped run of words, and up to
// three words with digits after a PIN or SSN label on the same line
// (which OCR may have misread, so the first two tests would miss them).
func Cover(p extract.Page, secrets []string) []extract.Box {
	var out []extract.Box
	for _, l := range p.Lines {
		out = append(out, coverLine(l, secrets)...)
	}
	return out
}

func coverLine(l extract.Line, secrets []string) []extract.Box {
	hide := ssnWords(l)
	afterLabel := 0
	for i, w := range l.Words {
		t := strings.Trim(w.Text, ".,;:()[]")
		switch {
		case isSecret(t, secrets):
			hide[i] = true
		case afterLabel > 0 && strings.ContainsAny(t, "0123456789"):
			hide[i] = true
			afterLabel--
		}
		if secretLabel.MatchString(t) {
			afterLabel = 3
		}
	}
	var out []extract.Box
	for i, w := range l.Words {
		if hide[i] {
			out = append(out, w.Box)
		}
	}
	return out
}

func isSecret(t string, secrets []string) bool {
	for _, s := range secrets {
		if s != "" && (t == s || strings.HasSuffix(t, ":"+s)) {
			return true
		}
	}
	return false
}

// ssnWords are the words an SSN-shaped match in the line's text spans
// (the text is the words joined by single spaces).
func ssnWords(l extract.Line) map[int]bool {
	hide := map[int]bool{}
	text, starts := extract.JoinWords(l.Words)
	for _, m := range ssnShape.FindAllStringIndex(text, -1) {
		for i, w := range l.Words {
			if starts[i] < m[1] && starts[i]+len(w.Text) > m[0] {
				hide[i] = true
			}
		}
	}
	return hide
}

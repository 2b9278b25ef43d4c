package fields

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/portcheck/portcheck/extract"
)

// TestReadFullPort: the ticked box of a "how many numbers" question is
// the LOA's statement of the port's scope; the same words in a sentence
// are not.
func TestReadFullPort(t *testing.T) {
	tests := []struct {
		name string
		ats  []at
		want string // "all", "some", or "" for no answer
	}{
		{"all ticked", []at{body(54, 450, "☒ I am transferring all my numbers from my current carrier."), body(54, 480, "☐ I am only transferring some of my numbers.")}, "all"},
		{"some ticked", []at{body(54, 450, "☐ I am transferring all my numbers from my current carrier."), body(54, 480, "☒ I am only transferring some of my numbers.")}, "some"},
		{"neither ticked", []at{body(54, 450, "☐ I am transferring all my numbers."), body(54, 480, "☐ I am only transferring some of my numbers.")}, ""},
		{"French, all ticked", []at{body(54, 450, "☒ Je transfère tous mes numéros de téléphone."), body(54, 480, "☐ Je ne transfère que certains de mes numéros.")}, "all"},
		{"a single all box left empty", []at{body(40, 190, "☐ alle Nr. der Anschlüsse portieren")}, "some"},
		{"a sentence, no box", []at{body(54, 450, "If you are transferring all of your numbers, tell us.")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, by := readFullPort(loaPage(extract.SourceTextLayer, nil, tt.ats...))
			answer := ""
			if got != nil && *got {
				answer = "all"
			} else if got != nil {
				answer = "some"
			}
			if diff := cmp.Diff(tt.want, answer); diff != "" {
				t.Errorf("full port (-want +got):\n%s (evidence %q)", diff, by.Text)
			}
		})
	}
}

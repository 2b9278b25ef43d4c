package fields

import (
	"strings"

	"github.com/portcheck/portcheck/extract"
)

// An LOA form often asks whether every number of the account moves
// ("☒ I am transferring all my numbers" / "☐ I am only transferring
// some of my numbers"): the ticked box is the LOA's own statement of a
// full or a partial port. A box stands first in its run, its caption
// right after it; a sentence that says the same words without a box is
// an instruction, not an answer.

var (
	fullPortCaption    = lazyRegexp(`(?i)\b(?:all (?:of )?(?:my|our|the|your) (?:\S+ )?(?:phone |telephone )?(?:numbers|lines)|all numbers|tous (?:mes|nos|les) num[ée]ros|alle (?:meine |unsere )?(?:nr\.?|nummern|rufnummern|anschl\S*)|al (?:mijn |onze )?nummers|alle (?:mijn |onze )?nummers)`)
	partialPortCaption = lazyRegexp(`(?i)\b(?:only (?:\S+ )?some|some (?:of )?(?:my|our|the) (?:\S+ )?(?:numbers|lines)|some numbers|(?:que )?certains de (?:mes|nos)|nur (?:einige|einzelne|bestimmte)|enkele|sommige|slechts een deel)`)
	tickedBox          = lazyRegexp(`^(?:☒|☑|✔|✓|■|\[x\]|\(x\))$`)
	emptyBox           = lazyRegexp(`^(?:☐|□|\[ \]|\( \))$`)
)

// readFullPort is what the LOA's check boxes say of the port: true for
// all numbers, false for some, nil when no box answers (none ticked of
// two, or no such box). A single "all numbers" box left empty says
// some.
func readFullPort(doc *extract.Document) (*bool, Value) {
	var allEmpty, someEmpty Value
	for pi, p := range doc.Pages {
		for li, l := range p.Lines {
			for _, run := range columnRuns(l.Words) {
				if len(run) < 2 {
					continue
				}
				box := strings.ToLower(run[0].Text)
				ticked, empty := tickedBox.MatchString(box), emptyBox.MatchString(box)
				if !ticked && !empty {
					continue
				}
				caption := span{words: run[1:]}.text()
				v := span{page: pi + 1, line: li, words: run}.value("", confRight)
				v.Text = run[0].Text + " " + caption
				switch {
				case partialPortCaption.MatchString(caption) && ticked:
					return ptr(false), v
				case fullPortCaption.MatchString(caption) && ticked:
					return ptr(true), v
				case partialPortCaption.MatchString(caption):
					someEmpty = v
				case fullPortCaption.MatchString(caption):
					allEmpty = v
				}
			}
		}
	}
	if allEmpty.Found() && !someEmpty.Found() {
		return ptr(false), allEmpty
	}
	return nil, Value{}
}

func ptr(b bool) *bool { return &b }

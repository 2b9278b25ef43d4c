package address

import (
	"strings"
)

var (
	// boxRE is a whole line that is a box: "PO Box 12", "P.O. Box 12",
	// "Post Office Box 12", "POB 12", "Box 12" (no street), "PMB 12",
	// "Lock Box 12", "Lockbox 12".
	boxRE = compileOnce(`(?i)^\s*(p\.?\s*o\.?\s*box|post\s+office\s+box|p\.?\s*o\.?\s*b\.?|box|pmb|private\s+mail\s*box|lock\s*box)\s*(?:#|no\.?|number)?\s*([0-9][A-Za-z0-9-]*)\s*[.,]?\s*$`)
	// boxAnyRE finds a box inside a longer line ("123 Main St PMB 45");
	// a bare "Box" needs no street, so it is not here.
	boxAnyRE = compileOnce(`(?i)(?:^|[\s,])(p\.?\s*o\.?\s*box|post\s+office\s+box|p\.?\s*o\.?\s*b\.?|pmb|private\s+mail\s*box|lock\s*box)\s*(?:#|no\.?|number)?\s*([0-9][A-Za-z0-9-]*)`)
	// boxPhraseRE is a spelled-out form that can only mean a box, with
	// or without its number ("PO Box", "P.O. Box A", "PO-Box 12"), and a
	// lock box with a number or ending the line. "Pobox Ln" and "1
	// Lockbox Way" stay streets: a box is written apart from its number.
	boxPhraseRE = compileOnce(`(?i)(?:^|[^\pL\pN])(?:p\.?\s*o(?:\.\s*|[\s-]+)box|post\s+office\s+box|private\s+mail\s*box)(?:$|[^\pL])|(?:^|[^\pL\pN])lock\s*box\s*(?:#\s*|no\.?\s*)?(?:\d|$)`)
)

// IsPOBox reports whether a street line is a PO Box, a private mailbox or
// a lock box, which carriers refuse as a service address, with or
// without its number when the words can only mean a box ("PO Box",
// "PO-Box 12"). "Boxwood Rd",
// "123 Box Elder St" and "Post Oak Blvd" are streets.
func IsPOBox(line string) bool {
	return boxRE().MatchString(line) || boxAnyRE().MatchString(line) || boxPhraseRE().MatchString(line)
}

// takeBox takes a box from the street words: all of them when the line is
// a box, else a PMB or box that follows a street.
func (a *Address) takeBox(toks []token) []token {
	text := span(toks)
	m := boxRE().FindStringSubmatchIndex(text)
	if m == nil {
		m = boxAnyRE().FindStringSubmatchIndex(text)
	}
	if m == nil {
		return toks
	}
	label, id := text[m[2]:m[3]], text[m[4]:m[5]]
	a.POBox, a.boxKind = strings.ToUpper(id), boxKind(label)
	a.note("pobox", id)
	a.note("box_kind", label)
	return dropSpan(toks, m[2], m[5])
}

func boxKind(label string) string {
	l := strings.ToUpper(strings.Join(strings.Fields(label), ""))
	switch {
	case strings.HasPrefix(l, "PMB"), strings.HasPrefix(l, "PRIVATE"):
		return "PMB"
	case strings.HasPrefix(l, "LOCK"):
		return "LOCK BOX"
	}
	return "PO BOX"
}

// dropSpan drops the tokens that start inside [from, to) of span(toks).
func dropSpan(toks []token, from, to int) []token {
	var out []token
	pos := 0
	for i, t := range toks {
		if i > 0 {
			pos += len(gapText(t.gap))
		}
		if pos < from || pos >= to {
			out = append(out, t)
		}
		pos += len(t.text)
	}
	return out
}

package fields

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
)

// A label pattern is a long case-insensitive alternation that Go's
// regexp tries at every position of every line, for every field: on the
// reference orders that was a fifth of a check's CPU. Yet each of its
// matches holds one of a few words ("account", "date", "service
// address"), and most lines hold none. need is those words, case-folded,
// read off the pattern's syntax; a line that holds none of them cannot
// match, and the pattern is not run on it. The answer is the pattern's
// own, always: the filter only skips lines it proves cannot match.

// need is what every match of a pattern contains: at least one of
// words, in the case-folded text. A nil need filters nothing.
type need struct{ words []string }

// mayMatch reports whether folded (the text through foldText) holds
// one of n's words.
func (n *need) mayMatch(folded string) bool {
	if n == nil {
		return true
	}
	for _, w := range n.words {
		if strings.Contains(folded, w) {
			return true
		}
	}
	return false
}

// foldText is text as needs are looked for in it: each rune replaced by
// the least rune it folds with (what regexp's (?i) treats as one), so
// "s", "S" and the long s are all "S", and the runes of a match stay in
// a row.
func foldText(text string) string {
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			return strings.Map(foldRune, text)
		}
	}
	return strings.ToUpper(text) // ASCII: a letter's least fold is its capital
}

func foldRune(r rune) rune {
	if r < 0x80 {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

const (
	maxNeedWords = 96 // past this many words, scanning for them costs what the pattern does
	minNeedLen   = 2  // a single letter is on nearly every line
)

var needs sync.Map // a pattern or *regexp.Regexp to *need (nil: no filter)

// MayMatch is false only where re cannot match text: text without any
// of the words every match of re holds. For callers outside the
// readers (redaction) whose patterns cost more than the look for the
// words; the answer where re can match is re's own to give.
func MayMatch(re *regexp.Regexp, text string) bool {
	return needOf(re).mayMatch(foldText(text))
}

// needOf is re's need, known before (or without) compiling it: read
// from needTable for the readers' own patterns, else worked out once
// from its source text.
func needOf(re fmt.Stringer) *need {
	if v, ok := needs.Load(re); ok {
		return v.(*need)
	}
	var n *need
	if words, ok := needTable[re.String()]; ok {
		if words != nil {
			n = &need{words: words}
		}
	} else {
		n = workNeed(re.String())
	}
	needs.Store(re, n)
	return n
}

// workNeed reads a pattern's need off its syntax. Parsing the pattern
// and multiplying out its words cost more than compiling it (about
// 23 ms for the readers' patterns, against 10 ms to compile them all),
// in every process, which is why needTable holds the readers' answers.
func workNeed(expr string) *need {
	t, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	if words, ok := required(t.Simplify()); ok && filters(words) {
		return &need{words: minimal(words)}
	}
	return nil
}

// minimal drops each word that holds another: a line that holds
// "ACCOUNT NUMBER" holds "ACCOUNT".
func minimal(words []string) []string {
	var out []string
	for i, w := range words {
		redundant := false
		for j, v := range words {
			if j != i && strings.Contains(w, v) && (w != v || j < i) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, w)
		}
	}
	return out
}

func filters(words []string) bool {
	if len(words) == 0 || len(words) > maxNeedWords {
		return false
	}
	for _, w := range words {
		if len([]rune(w)) < minNeedLen {
			return false
		}
	}
	return true
}

// facts is what a part of a pattern promises of its matches: exact,
// every string it can match (case-folded), when they are few; need,
// words one of which each match contains.
type facts struct {
	exact   []string
	isExact bool
	need    []string
	hasNeed bool
}

const maxExact = 64

// required returns case-folded words one of which every match of t
// contains, and false when t promises none.
func required(t *syntax.Regexp) ([]string, bool) {
	f := factsOf(t)
	if f.isExact && filters(minimal(f.exact)) {
		return minimal(f.exact), true
	}
	return f.need, f.hasNeed
}

func factsOf(t *syntax.Regexp) facts {
	switch t.Op {
	case syntax.OpLiteral:
		return exactly(literalWord(t))
	case syntax.OpCharClass:
		return classFacts(t.Rune)
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return exactly("")
	case syntax.OpCapture:
		return factsOf(t.Sub[0])
	case syntax.OpQuest:
		if f := factsOf(t.Sub[0]); f.isExact {
			return exactly(append([]string{""}, f.exact...)...)
		}
	case syntax.OpPlus:
		return atLeastOnce(factsOf(t.Sub[0]))
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return atLeastOnce(factsOf(t.Sub[0]))
		}
	case syntax.OpAlternate:
		return alternateFacts(t.Sub)
	case syntax.OpConcat:
		return concatFacts(t.Sub)
	}
	return facts{}
}

func exactly(words ...string) facts {
	words = dedupe(words)
	if len(words) > maxExact {
		return facts{}
	}
	return facts{exact: words, isExact: true}
}

func dedupe(words []string) []string {
	seen := map[string]bool{}
	out := words[:0:0]
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// asNeed is what f requires of a match, its exact strings included.
func asNeed(f facts) ([]string, bool) {
	if f.isExact && filters(minimal(f.exact)) {
		return minimal(f.exact), true
	}
	return f.need, f.hasNeed
}

func atLeastOnce(f facts) facts {
	need, ok := asNeed(f)
	return facts{need: minimal(need), hasNeed: ok}
}

// classFacts: a small class ([ée], [:#.]) is its few runes.
func classFacts(ranges []rune) facts {
	var words []string
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i+1]-ranges[i] > maxExact {
			return facts{}
		}
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			words = append(words, string(foldRune(r)))
		}
	}
	return exactly(words...)
}

func alternateFacts(subs []*syntax.Regexp) facts {
	fs := make([]facts, len(subs))
	allExact := true
	var exact []string
	for i, s := range subs {
		fs[i] = factsOf(s)
		allExact = allExact && fs[i].isExact
		exact = append(exact, fs[i].exact...)
	}
	if allExact {
		if f := exactly(exact...); f.isExact {
			return f
		}
	}
	var need []string
	for _, f := range fs {
		words, ok := asNeed(f)
		if !ok {
			return facts{}
		}
		need = append(need, words...)
	}
	return facts{need: minimal(dedupe(need)), hasNeed: true}
}

// concatFacts multiplies out the exact strings of a run of parts while
// they stay few; each run, and each part that is not exact, is a
// candidate need, and the tightest wins.
func concatFacts(subs []*syntax.Regexp) facts {
	run := []string{""}
	var cands [][]string
	allExact := true
	flush := func() {
		if words := minimal(run); filters(words) {
			cands = append(cands, words)
		}
		run = []string{""}
	}
	for _, s := range subs {
		f := factsOf(s)
		if f.isExact && len(run)*len(f.exact) <= maxExact {
			var next []string
			for _, a := range run {
				for _, b := range f.exact {
					next = append(next, a+b)
				}
			}
			run = dedupe(next)
			continue
		}
		allExact = false
		flush()
		if f.isExact {
			run = f.exact
			continue
		}
		if f.hasNeed && filters(f.need) {
			cands = append(cands, f.need)
		}
	}
	if allExact {
		return exactly(run...)
	}
	flush()
	var best []string
	for _, c := range cands {
		if best == nil || shortest(c) > shortest(best) || shortest(c) == shortest(best) && len(c) < len(best) {
			best = c
		}
	}
	return facts{need: best, hasNeed: best != nil}
}

func shortest(words []string) int {
	n := -1
	for _, w := range words {
		if l := len([]rune(w)); n < 0 || l < n {
			n = l
		}
	}
	return n
}

// literalWord is a literal as foldText folds text. A case-sensitive
// literal folds too: text that holds it exactly holds its folding.
func literalWord(t *syntax.Regexp) string {
	var b strings.Builder
	for _, r := range t.Rune {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

package fields

import (
	"regexp"
	"sync"
)

// pattern is a regexp compiled on its first use, not at package init.
// The readers' hundred-odd patterns took 10-20 ms to compile in every
// portcheck process (GODEBUG=inittrace=1), also in those that read no
// document (version, serve, a worker before its first task); a check
// compiles only the patterns its documents reach. Its methods are
// regexp's, so a declaration changes and no call site does.
type pattern struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

// lazyRegexp is regexp.MustCompile, deferred: an expression that does
// not compile panics at its first use, and TestPatternsCompile compiles
// every declared one.
func lazyRegexp(expr string) *pattern {
	p := &pattern{expr: expr}
	declared = append(declared, p)
	return p
}

// declared are the patterns made by lazyRegexp, for TestPatternsCompile.
var declared []*pattern

// compiled wraps a regexp compiled already.
func compiled(re *regexp.Regexp) *pattern {
	p := &pattern{expr: re.String(), re: re}
	p.once.Do(func() {})
	return p
}

// Regexp is the compiled regexp.
func (p *pattern) Regexp() *regexp.Regexp {
	p.once.Do(func() { p.re = regexp.MustCompile(p.expr) })
	return p.re
}

// String is the source text, read without compiling (needOf keys on it).
func (p *pattern) String() string { return p.expr }

func (p *pattern) MatchString(s string) bool { return p.Regexp().MatchString(s) }

func (p *pattern) FindStringIndex(s string) []int { return p.Regexp().FindStringIndex(s) }

func (p *pattern) FindStringSubmatch(s string) []string { return p.Regexp().FindStringSubmatch(s) }

func (p *pattern) FindStringSubmatchIndex(s string) []int {
	return p.Regexp().FindStringSubmatchIndex(s)
}

func (p *pattern) FindAllStringIndex(s string, n int) [][]int {
	return p.Regexp().FindAllStringIndex(s, n)
}

func (p *pattern) FindAllStringSubmatch(s string, n int) [][]string {
	return p.Regexp().FindAllStringSubmatch(s, n)
}

func (p *pattern) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return p.Regexp().FindAllStringSubmatchIndex(s, n)
}

func (p *pattern) ReplaceAllString(src, repl string) string {
	return p.Regexp().ReplaceAllString(src, repl)
}

func (p *pattern) Split(s string, n int) []string { return p.Regexp().Split(s, n) }

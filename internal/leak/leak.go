// Package leak is for tests that prove a PIN or SSN never reached an
// output: it finds digits standing as a token of their own, which is
// how a leaked secret looks, and not inside the numbers and hex that
// any log or metric is full of.
package leak

import "regexp"

// Holds says whether text holds secret as a token of its own. Its
// digits also turn up inside numbers and hex (a duration of 0.004410 s,
// a memory gauge of 1.44102e+07, a random request id 04410182f8...),
// which are not leaks.
func Holds(text, secret string) bool {
	return regexp.MustCompile(`(^|[^0-9a-fA-F.])` + regexp.QuoteMeta(secret) + `($|[^0-9a-fA-F])`).MatchString(text)
}

// Package throttle bounds wrong guesses of a secret per client: the
// API's keys (which an operator may choose as short as 16 characters)
// and the reviewer UI's sign-in share one Guard, so a client cannot
// try keys faster on one than on the other.
//
// Only failures count. A client that has spent its allowance is
// refused before its guess is judged, so a right guess made while
// throttled is not told apart from a wrong one. Defaults: 10 failures
// at once, then one more every 6 seconds (Config). The client is the
// connection's address: behind a proxy every request has the proxy's,
// and the allowance is shared by all (set Config.Burst to suit).
package throttle
